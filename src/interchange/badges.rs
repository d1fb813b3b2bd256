//! Open Badges 3.0 (placeholder, written next).
