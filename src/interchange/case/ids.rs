//! Ids made from human codes and titles, kept unique; and the UUIDs an export derives.

use crate::model::Id;
use std::collections::HashSet;
use uuid::Uuid;

fn is_valid_id(id: &str) -> bool {
    Id::new(id).is_valid()
}

/// Our namespace for UUID v5: itself the v5 UUID of this URL in the URL namespace, so anyone
/// can recompute it.
fn namespace() -> Uuid {
    Uuid::new_v5(
        &Uuid::NAMESPACE_URL,
        b"https://docs.rs/competence/interchange/case",
    )
}

/// The UUID an export gives a framework's CFDocument without a kept identifier: from
/// `id@version`, so each version is its own document.
pub(crate) fn document_uuid(id: &str, version: &str) -> String {
    Uuid::new_v5(&namespace(), format!("{id}@{version}").as_bytes()).to_string()
}

/// The UUID an export gives an item without a kept identifier: from the framework id and the
/// item id, so an item keeps its identifier from one version to the next.
pub(crate) fn item_uuid(framework: &str, item: &str) -> String {
    Uuid::new_v5(&namespace(), format!("{framework}/{item}").as_bytes()).to_string()
}

/// The UUID of an association, from what it links.
pub(crate) fn association_uuid(
    framework: &str,
    kind: &str,
    origin: &str,
    destination: &str,
) -> String {
    Uuid::new_v5(
        &namespace(),
        format!("{framework}/{kind}/{origin}/{destination}").as_bytes(),
    )
    .to_string()
}

/// The plain-ASCII spelling of common accented Latin letters, so `Écoute` becomes `ecoute`
/// rather than losing its first letter. Other scripts have no spelling here: an id from such
/// a title falls back to the item's identifier.
fn ascii(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'æ' => "ae",
        'Æ' => "AE",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'ď' | 'đ' | 'ð' => "d",
        'Ď' | 'Đ' | 'Ð' => "D",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "E",
        'ğ' | 'ġ' => "g",
        'Ğ' | 'Ġ' => "G",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => "I",
        'ł' | 'ľ' | 'ĺ' => "l",
        'Ł' | 'Ľ' | 'Ĺ' => "L",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'œ' => "oe",
        'Œ' => "OE",
        'ř' | 'ŕ' => "r",
        'Ř' | 'Ŕ' => "R",
        'ß' => "ss",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'Ś' | 'Š' | 'Ş' | 'Ș' => "S",
        'ť' | 'ţ' | 'ț' => "t",
        'Ť' | 'Ţ' | 'Ț' => "T",
        'þ' => "th",
        'Þ' => "TH",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' | 'Ų' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'ź' | 'ż' | 'ž' => "z",
        'Ź' | 'Ż' | 'Ž' => "Z",
        _ => return None,
    })
}

/// The longest base an id may have, leaving room for a `-NNNN` suffix.
const BASE_LEN: usize = Id::MAX_LEN - 6;

/// Letters, digits, '.', '_' and '-' kept; anything else becomes one '-'; trimmed to start
/// and end with a letter or digit; at most `max` bytes, cut at a '-' when one is near.
fn sanitize(text: &str, lower: bool, max: usize) -> String {
    let mut out = String::new();
    let push = |s: &str, out: &mut String| {
        for c in s.chars() {
            let c = if lower { c.to_ascii_lowercase() } else { c };
            out.push(c);
        }
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || (!lower && matches!(c, '.' | '_')) {
            push(c.encode_utf8(&mut [0; 4]), &mut out);
        } else if let Some(s) = ascii(c) {
            push(s, &mut out);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let mut id = trimmed.to_owned();
    if id.len() > max {
        // ASCII only, so any byte index is a char boundary.
        let cut = id.get(..max).unwrap_or_default();
        let cut = match cut.rfind('-') {
            Some(dash) if dash > max / 2 => cut.get(..dash).unwrap_or(cut),
            _ => cut,
        };
        id = cut
            .trim_end_matches(|c: char| !c.is_ascii_alphanumeric())
            .to_owned();
    }
    id
}

/// The base of an id for an item: its human code as it stands when that is already an id,
/// else the code made into one (case kept); else the title in lower-case words; else the
/// identifier's first characters.
pub(crate) fn base(code: Option<&str>, title: &str, identifier: &str) -> String {
    if let Some(code) = code {
        if is_valid_id(code) && code.len() <= BASE_LEN {
            return code.to_owned();
        }
        let made = sanitize(code, false, BASE_LEN);
        if !made.is_empty() {
            return made;
        }
    }
    let made = sanitize(title, true, 48);
    if !made.is_empty() {
        return made;
    }
    let made = sanitize(identifier, true, 13);
    if made.is_empty() {
        "item".to_owned()
    } else {
        format!("item-{made}")
    }
}

/// A framework id from a title.
pub(crate) fn framework_id(title: &str) -> Id {
    let made = sanitize(title, true, 48);
    Id::new(if made.is_empty() {
        "imported-framework".to_owned()
    } else {
        made
    })
}

/// Hands out unique ids: a base taken already gets `-2`, `-3`, …
#[derive(Default)]
pub(super) struct Ids {
    taken: HashSet<String>,
}

impl Ids {
    /// Takes `id` as it is, when it is valid and free.
    pub fn claim(&mut self, id: &str) -> Option<Id> {
        (is_valid_id(id) && self.taken.insert(id.to_owned())).then(|| Id::new(id))
    }

    /// Whether `id` names something already.
    pub fn is_taken(&self, id: &str) -> bool {
        self.taken.contains(id)
    }

    /// A free id from `base`.
    pub fn unique(&mut self, base: &str) -> Id {
        if let Some(id) = self.claim(base) {
            return id;
        }
        // Each loop tries a new suffix; at most `taken.len() + 1` tries find a free one.
        let mut n = 2usize;
        loop {
            let candidate = format!("{base}-{n}");
            if let Some(id) = self.claim(&candidate) {
                return id;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases() {
        assert_eq!(base(Some("3.2"), "x", "u"), "3.2");
        assert_eq!(base(Some("LA 1:a"), "x", "u"), "LA-1-a");
        assert_eq!(
            base(None, "Écoute active, **sans** jugement", "u"),
            "ecoute-active-sans-jugement"
        );
        assert_eq!(base(None, "傾聴", "3F2504E0-4F89"), "item-3f2504e0-4f89");
        let long = "word ".repeat(40);
        assert!(base(None, &long, "u").len() <= 48);
        assert!(is_valid_id(&base(None, &long, "u")));
    }

    #[test]
    fn unique_ids() {
        let mut ids = Ids::default();
        assert_eq!(ids.unique("a").as_str(), "a");
        assert_eq!(ids.unique("a").as_str(), "a-2");
        assert_eq!(ids.unique("a-2").as_str(), "a-2-2");
        assert!(ids.claim("a").is_none());
    }

    #[test]
    fn uuids_are_stable() {
        assert_eq!(item_uuid("f", "i"), item_uuid("f", "i"));
        assert_ne!(item_uuid("f", "i"), item_uuid("f", "j"));
        assert_eq!(document_uuid("f", "1.0.0").len(), 36);
    }
}
