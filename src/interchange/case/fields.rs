//! Reading untrusted JSON objects field by field: each value's path for located errors, and
//! the fields nobody read, so that the import can name them in notes instead of dropping them.

use super::ImportError;
use serde_json::{Map, Value};

/// One JSON object being read.
pub(super) struct Fields<'a> {
    map: &'a Map<String, Value>,
    path: String,
    read: Vec<&'static str>,
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub(super) fn wrong(path: &str, expected: &str, found: &Value) -> ImportError {
    ImportError::Shape {
        path: path.to_owned(),
        message: format!("expected {expected}, found {}", type_name(found)),
    }
}

impl<'a> Fields<'a> {
    /// The object at `path`, or a wrong-type error.
    pub fn of(value: &'a Value, path: String) -> Result<Fields<'a>, ImportError> {
        match value {
            Value::Object(map) => Ok(Fields {
                map,
                path,
                read: Vec::new(),
            }),
            other => Err(wrong(&path, "an object", other)),
        }
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn at(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }

    /// The value of `key`, marked as read; null counts as absent.
    pub fn value(&mut self, key: &'static str) -> Option<&'a Value> {
        self.read.push(key);
        self.map.get(key).filter(|v| !v.is_null())
    }

    pub fn str(&mut self, key: &'static str) -> Result<Option<&'a str>, ImportError> {
        match self.value(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(wrong(&self.at(key), "a string", other)),
        }
    }

    pub fn required_str(&mut self, key: &'static str) -> Result<&'a str, ImportError> {
        self.str(key)?.ok_or_else(|| ImportError::Shape {
            path: self.path.clone(),
            message: format!("`{key}` is required"),
        })
    }

    pub fn int(&mut self, key: &'static str) -> Result<Option<i64>, ImportError> {
        match self.value(key) {
            None => Ok(None),
            Some(Value::Number(n)) => match n.as_i64() {
                Some(i) => Ok(Some(i)),
                // A float position (CASE allows none, but some servers write 1.0) orders as
                // its integer part; anything else is not a position.
                None => Ok(n.as_f64().filter(|f| f.is_finite()).map(|f| f as i64)),
            },
            Some(other) => Err(wrong(&self.at(key), "a number", other)),
        }
    }

    pub fn array(&mut self, key: &'static str) -> Result<&'a [Value], ImportError> {
        match self.value(key) {
            None => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(other) => Err(wrong(&self.at(key), "an array", other)),
        }
    }

    pub fn object(&mut self, key: &'static str) -> Result<Option<Fields<'a>>, ImportError> {
        let path = self.at(key);
        self.value(key).map(|v| Fields::of(v, path)).transpose()
    }

    /// The fields present that nobody read, in key order.
    pub fn unread(&self) -> Vec<String> {
        self.map
            .iter()
            .filter(|(k, v)| !v.is_null() && !self.read.contains(&k.as_str()))
            .map(|(k, _)| k.clone())
            .collect()
    }
}
