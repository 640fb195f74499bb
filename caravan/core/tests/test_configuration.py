from caravan.core.configuration import data_dir, secret_key


def test_secret_key_is_generated_once_and_kept_private(tmp_path, monkeypatch):
    monkeypatch.delenv("CARAVAN_SECRET_KEY", raising=False)
    first = secret_key(tmp_path)
    assert len(first) >= 50
    assert secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_secret_key_from_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("CARAVAN_SECRET_KEY", "from-environment")
    assert secret_key(tmp_path) == "from-environment"
    assert not (tmp_path / "secret_key").exists()


def test_data_dir_is_created(tmp_path, monkeypatch):
    target = tmp_path / "nested" / "data"
    monkeypatch.setenv("CARAVAN_DATA_DIR", str(target))
    assert data_dir() == target
    assert target.is_dir()
