//! The YAML loader's fast path against `yaml_serde`: whatever the fast path reads, as a YAML
//! value or as any kind of document, `yaml_serde` must read the same; whatever it refuses (a
//! refusal the loader would report), `yaml_serde` must refuse first, in the same finding.
//! (The fast path runs only on large files, so the other targets, whose inputs are small,
//! never reach it.)

#![no_main]

use competence::fuzzing::{fast_refusal, fast_yaml};
use competence::model::{Crosswalk, EvidenceRecord, Framework};
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use std::fmt::Debug;

fn agrees<T: DeserializeOwned + PartialEq + Debug>(text: &str) {
    if let Some(fast) = fast_yaml::<T>(text) {
        match serde_yaml::from_str::<T>(text) {
            Ok(reference) => assert_eq!(fast, reference, "the parsers disagree"),
            Err(e) => panic!("the fast path read what yaml_serde refuses: {e}"),
        }
    }
    if let Some((fast, reference)) = fast_refusal::<T>(text) {
        assert_eq!(Some(fast), reference, "the parsers refuse differently");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    agrees::<serde_yaml::Value>(text);
    agrees::<Framework>(text);
    agrees::<EvidenceRecord>(text);
    agrees::<Crosswalk>(text);
});
