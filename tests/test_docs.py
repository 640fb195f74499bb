"""Documentation stays in step with the code: settings and CLI commands are all described."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def variables_read_by_the_code():
    found = set()
    for path in [*ROOT.glob("caravan/**/*.py"), *ROOT.glob("config/**/*.py")]:
        if "tests" not in path.parts:
            found |= set(re.findall(r"CARAVAN_[A-Z_]+", path.read_text(encoding="utf-8")))
    return found


def test_every_environment_variable_is_documented():
    documented = set(re.findall(r"`(CARAVAN_[A-Z_]+)`", (ROOT / "docs/settings.md").read_text()))
    undocumented = variables_read_by_the_code() - documented
    assert not undocumented, f"add to docs/settings.md: {sorted(undocumented)}"


def test_every_cli_command_is_in_the_readme():
    from caravan.cli.base import root

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in root.commands.items():
        subcommands = getattr(command, "commands", {None: None})
        for sub in subcommands:
            words = f"caravan {name}" + (f" {sub}" if sub else "")
            assert f"`{words}" in readme, f"document `{words}` in README.md"


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme[: readme.index("## Architecture")]
    assert "make demo" in first_block and "make test" in first_block
