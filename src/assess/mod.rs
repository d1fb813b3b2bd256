//! Assessment: evidence claims to a ledger, levels, role status, gaps and summaries.
