"""The pooled catalogue: objects from every member, their terms, agents and media."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from caravan.core.codes import validate_rights_uri
from caravan.core.fields import LanguageMapField
from caravan.core.langmap import display_text
from caravan.core.storage import protected_storage
from caravan.institutions.models import Institution


class ConceptScheme(models.Model):
    """A controlled vocabulary (a SKOS concept scheme), e.g. the Chinese Iconography Thesaurus."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    uri = models.URLField(_("URI"), blank=True)
    titles = LanguageMapField(_("titles"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("concept scheme")
        verbose_name_plural = _("concept schemes")

    def __str__(self) -> str:
        return self.code


class Concept(models.Model):
    """A SKOS concept with preferred labels per language; alternative labels as lists."""

    scheme = models.ForeignKey(
        ConceptScheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="concepts"
    )
    notation = models.CharField(_("notation"), max_length=100)
    uri = models.URLField(_("URI"), blank=True)
    pref_labels = LanguageMapField(_("preferred labels"))
    alt_labels = models.JSONField(_("alternative labels"), default=dict, blank=True)
    broader = models.ManyToManyField(
        "self",
        verbose_name=_("broader concepts"),
        symmetrical=False,
        related_name="narrower",
        blank=True,
    )

    class Meta:
        ordering = ["scheme", "notation"]
        verbose_name = _("concept")
        verbose_name_plural = _("concepts")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "notation"], name="unique_concept_notation")
        ]

    def __str__(self) -> str:
        return f"{self.scheme.code}:{self.notation} {display_text(self.pref_labels, '')}".strip()


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Alliance members")
    PRIVATE = "private", _("Private")


class CatalogueObject(models.Model):
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="catalogue_objects",
        verbose_name=_("institution"),
    )
    local_id = models.CharField(_("local identifier"), max_length=200)
    language = models.CharField(
        _("cataloguing language"),
        max_length=35,
        default="en",
        help_text=_("The language the record was written in; the last resort for display."),
    )
    titles = LanguageMapField(_("titles"))
    descriptions = LanguageMapField(_("descriptions"))
    production_place = LanguageMapField(_("production place"))
    production_place_uri = models.URLField(_("production place URI"), blank=True)
    production_country = models.CharField(
        _("production country"),
        max_length=2,
        blank=True,
        db_index=True,
        help_text=_("ISO 3166-1 alpha-2 code, when the production place names a country."),
    )
    date_display = LanguageMapField(_("date as given"))
    earliest_year = models.IntegerField(_("earliest year"), null=True, blank=True, db_index=True)
    latest_year = models.IntegerField(_("latest year"), null=True, blank=True, db_index=True)
    dimensions = LanguageMapField(_("dimensions"))
    inscriptions = LanguageMapField(_("inscriptions"))
    credit_line = LanguageMapField(_("credit line"))
    rights = models.CharField(
        _("rights"),
        max_length=200,
        blank=True,
        validators=[validate_rights_uri],
        help_text=_("A rightsstatements.org or Creative Commons URI."),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        db_index=True,
    )
    web_page = models.URLField(_("web page"), max_length=500, blank=True)
    # Kept by object_upsert so that lists can put objects with images first from an index.
    has_image = models.BooleanField(_("has an image"), default=False)
    # Where the record came from, kept verbatim so it can be re-mapped without re-harvesting.
    source_name = models.CharField(_("source"), max_length=200, blank=True)
    source_format = models.CharField(_("source format"), max_length=40, blank=True)
    # The record's identifier at its source (an OAI-PMH identifier, say), which deletions name.
    source_identifier = models.CharField(_("source identifier"), max_length=500, blank=True)
    raw_record = models.TextField(_("raw source record"), blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    ingested_at = models.DateTimeField(_("ingested"), null=True, blank=True)
    # A withdrawn object (deleted at its source) leaves every public surface; its row, raw record
    # and history stay, and it returns if the source publishes it again.
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["institution", "local_id"]
        verbose_name = _("catalogue object")
        verbose_name_plural = _("catalogue objects")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "local_id"], name="unique_local_id_per_institution"
            ),
            models.CheckConstraint(
                condition=models.Q(earliest_year__isnull=True)
                | models.Q(latest_year__isnull=True)
                | models.Q(earliest_year__lte=models.F("latest_year")),
                name="earliest_year_not_after_latest",
            ),
        ]
        indexes = [
            models.Index(fields=["visibility", "institution"]),
            models.Index(
                fields=["visibility", "-has_image", "-updated_at", "-id"], name="object_list_order"
            ),
            models.Index(
                fields=["institution", "-has_image", "-updated_at", "-id"],
                name="institution_object_order",
            ),
            models.Index(fields=["source_name", "source_identifier"], name="object_source_record"),
        ]

    def __str__(self) -> str:
        return f"{self.local_id} {display_text(self.titles, '')}".strip()


class TermField(models.TextChoices):
    OBJECT_TYPE = "object_type", _("Object type")
    MATERIAL = "material", _("Material")
    TECHNIQUE = "technique", _("Technique")
    SUBJECT = "subject", _("Subject")


class ObjectTerm(models.Model):
    """A language-tagged literal describing an object, optionally tied to a vocabulary concept."""

    object = models.ForeignKey(CatalogueObject, on_delete=models.CASCADE, related_name="terms")
    field = models.CharField(_("field"), max_length=20, choices=TermField.choices)
    text = models.CharField(_("text"), max_length=500)
    lang = models.CharField(_("language"), max_length=35)
    concept = models.ForeignKey(
        Concept, null=True, blank=True, on_delete=models.SET_NULL, related_name="object_terms"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["object", "field", "position"]
        indexes = [models.Index(fields=["field", "text"])]

    def __str__(self) -> str:
        return f"{self.field}: {self.text} ({self.lang})"


class AgentKind(models.TextChoices):
    PERSON = "person", _("Person")
    GROUP = "group", _("Group or organisation")
    CULTURE = "culture", _("Culture")


class ObjectAgent(models.Model):
    """A maker or culture associated with an object, in a role (artist, calligrapher, culture…)."""

    object = models.ForeignKey(CatalogueObject, on_delete=models.CASCADE, related_name="agents")
    kind = models.CharField(_("kind"), max_length=10, choices=AgentKind.choices)
    names = LanguageMapField(_("names"))
    role = LanguageMapField(_("role"))
    uri = models.URLField(_("authority URI"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["object", "position"]

    def __str__(self) -> str:
        return display_text(self.names, "")


def hosted_image_path(instance: ObjectMedia, filename: str) -> str:
    """Where a hosted image is kept: one folder per identifier; the name is set by the uploader."""
    return f"hosted-images/{instance.hosted_id}/{filename}"


class ObjectMedia(models.Model):
    object = models.ForeignKey(CatalogueObject, on_delete=models.CASCADE, related_name="media")
    image_url = models.URLField(_("image URL"), max_length=500, blank=True)
    iiif_service = models.URLField(_("IIIF Image service"), max_length=500, blank=True)
    thumbnail_url = models.URLField(_("thumbnail URL"), max_length=500, blank=True)
    # An image Caravan hosts for a member without an image server (caravan.catalogue.media).
    # Protected storage: members-only objects' images leave only through the IIIF Image API,
    # which asks the visibility rules; /media/ would hand them to anyone.
    image_file = models.FileField(
        _("hosted image"),
        upload_to=hosted_image_path,
        storage=protected_storage,
        max_length=300,
        blank=True,
        # The bulk importer inserts media rows naming only the columns a record fills.
        default="",
        db_default="",
    )
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    # The identifier of the hosted image in the IIIF Image API (/iiif/image/<hosted_id>).
    hosted_id = models.CharField(
        _("IIIF image identifier"), max_length=64, blank=True, default="", db_default=""
    )
    caption = LanguageMapField(_("caption"))
    rights = models.CharField(
        _("rights"), max_length=200, blank=True, validators=[validate_rights_uri]
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["object", "position"]
        verbose_name = _("media")
        verbose_name_plural = _("media")
        constraints = [
            models.UniqueConstraint(
                fields=["hosted_id"],
                condition=~models.Q(hosted_id=""),
                name="unique_hosted_image_id",
            )
        ]

    def __str__(self) -> str:
        return (
            self.image_url
            or self.iiif_service
            or self.thumbnail_url
            or (f"hosted:{self.hosted_id}" if self.hosted_id else "")
        )
