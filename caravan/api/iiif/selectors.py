"""What the IIIF interfaces read, always through the catalogue's one visibility rule."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet

from caravan.accounts.models import User
from caravan.catalogue.models import CatalogueObject, ObjectMedia
from caravan.catalogue.selectors import objects_visible_to
from caravan.institutions.models import Alliance, Institution, MembershipStatus
from caravan.institutions.selectors import alliance_members

Reader = User | AnonymousUser

# Media a manifest can show: a hosted file, an IIIF Image service, an image or a thumbnail.
USABLE_MEDIA = ~Q(image_file="") | ~Q(iiif_service="") | ~Q(image_url="") | ~Q(thumbnail_url="")


def hosted_image(*, identifier: str, user: Reader) -> ObjectMedia | None:
    """The hosted image with this identifier, if its object is visible to the user."""
    return (
        ObjectMedia.objects.filter(hosted_id=identifier, object__in=objects_visible_to(user))
        .exclude(image_file="")
        .select_related("object")
        .first()
    )


def manifest_object(*, pk: int, user: Reader) -> CatalogueObject | None:
    """A visible object with everything its manifest says, or None."""
    return (
        objects_visible_to(user)
        .select_related("institution")
        .prefetch_related(
            "terms__concept",
            "agents",
            Prefetch("media", queryset=ObjectMedia.objects.filter(USABLE_MEDIA)),
        )
        .defer("raw_record")
        .filter(pk=pk)
        .first()
    )


def collection_objects(*, institution: Institution, user: Reader) -> QuerySet[CatalogueObject]:
    """The institution's visible objects with images, in a stable order for paging."""
    return (
        objects_visible_to(user)
        .filter(institution=institution, has_image=True)
        .only("pk", "titles", "language", "institution_id")
        .prefetch_related(Prefetch("media", queryset=ObjectMedia.objects.filter(USABLE_MEDIA)))
        .order_by("pk")
    )


def institutions_with_images(*, alliance: Alliance, user: Reader) -> list[tuple[Institution, int]]:
    """The alliance's current members that show the user at least one object with an image,
    with how many."""
    members = [
        membership.institution
        for membership in alliance_members(alliance).filter(status=MembershipStatus.MEMBER)
    ]
    counts = dict(
        objects_visible_to(user)
        .filter(has_image=True, institution__in=members)
        .values_list("institution_id")
        .annotate(count=Count("id"))
        .order_by()
    )
    return [(member, counts[member.pk]) for member in members if counts.get(member.pk)]
