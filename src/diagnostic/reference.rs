//! The reference of every diagnostic code, with an example of each and how to fix it: the
//! text of `docs/diagnostics.md`, so it is published with each version of the crate. Each
//! code's section is at the anchor named by the code (`…/reference/index.html#unknown-kind`);
//! SARIF rules link there (`helpUri`).
//!
#![doc = include_str!("../../docs/diagnostics.md")]
