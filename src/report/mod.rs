//! Reports of an assessment: JSON and Markdown.
