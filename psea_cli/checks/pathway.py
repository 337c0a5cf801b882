"""The referral poster's wording (``data/pathway/<language>.yaml``): every declared language
complete, placeholders as psea fills them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from psea_cli.dataset import Dataset, Finding
from psea_cli.i18n import _
from psea_cli.pathway_wording import builtin, missing_keys, placeholders

_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def check_pathway_wording(dataset: Dataset) -> Iterator[Finding]:
    """A wording file is named after a language code; a placeholder is one psea fills for that
    text; each language the network declares (in network.yaml's ``languages``, or by giving a
    wording file) has every text, from psea or from the network."""
    for lang, located in sorted(dataset.pathway_wordings.items()):
        if not _LANGUAGE.match(lang):
            yield Finding.of("ref.file-name-mismatch", located.file, (), "wording")
            continue
        texts = located.value.model_dump(exclude_none=True)
        reference = builtin("en")
        for key, text in texts.items():
            allowed = placeholders(str(reference.get(key, "")))
            for item in text if isinstance(text, list) else [text]:
                unknown = sorted(placeholders(item) - allowed)
                if unknown:
                    yield Finding.of(
                        "pathway.bad-placeholder", located.file, (key,), key=key,
                        name=unknown[0],
                        allowed=", ".join(f"{{{a}}}" for a in sorted(allowed))
                        or _("no placeholder"))
    declared = set(dataset.network.languages if dataset.network else []) | {
        lang for lang in dataset.pathway_wordings if _LANGUAGE.match(lang)}
    for lang in sorted(declared):
        missing = missing_keys(dataset, lang)
        if not missing:
            continue
        own = dataset.pathway_wordings.get(lang)
        file, path = (own.file, ()) if own else (dataset.network_file, ("languages",))
        yield Finding.of(
            "pathway.missing-translation", file, path, lang=lang, count=len(missing),
            keys=", ".join(missing[:8]) + (" …" if len(missing) > 8 else ""))
