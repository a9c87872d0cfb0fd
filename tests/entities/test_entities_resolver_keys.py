"""Entity keys are unique even when two groups share a name and a type."""

from dateline.enrich.entities_resolve import EntityResolver
from dateline.models import Mention


def test_keys_unique_when_groups_share_name_and_type() -> None:
    mentions = []
    # The same string as a PERSON in one article and an unlinked ORG-typed-as-PERSON elsewhere
    # used to give two entities with the key "PERSON:jackson".
    for i, (text, label) in enumerate(
        [
            ("Jackson", "PERSON"),
            ("Jackson", "ORG"),
            ("Michael Jackson", "PERSON"),
            ("Jackson", "PERSON"),
            ("Janet Jackson", "PERSON"),
            ("Jackson", "GPE"),
        ]
    ):
        mentions.append(Mention(f"a{i}", 0, 0, len(text), text, label))
    resolver = EntityResolver().fit(mentions)
    keys = [e.key for e in resolver.entities_]
    assert len(keys) == len(set(keys))
    assert set(resolver.key_of_.values()) <= set(keys)
