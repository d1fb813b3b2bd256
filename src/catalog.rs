//! The catalog: documents indexed by `id@version`, from files, directories and the built-in
//! frameworks embedded from `frameworks/`.
