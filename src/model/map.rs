use super::Id;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// A map keyed by id that keeps the file's order and rejects duplicate keys.
///
/// YAML parsers keep the last of two equal keys without a word; a framework that lists
/// `observation` twice in its policy almost certainly has a mistake, so it is an error here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderedMap<V>(Vec<(Id, V)>);

impl<V> OrderedMap<V> {
    /// An empty map.
    pub fn new() -> OrderedMap<V> {
        OrderedMap(Vec::new())
    }

    /// The value for `key`. Linear: these maps are small (policies, role targets).
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0
            .iter()
            .find(|(k, _)| k.as_str() == key)
            .map(|(_, v)| v)
    }

    /// Sets `key`, keeping its position when it exists already.
    pub fn insert(&mut self, key: Id, value: V) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, slot)) => *slot = value,
            None => self.0.push((key, value)),
        }
    }

    /// Removes `key`.
    pub fn remove(&mut self, key: &str) -> Option<V> {
        let index = self.0.iter().position(|(k, _)| k.as_str() == key)?;
        Some(self.0.remove(index).1)
    }

    /// Entries in file order.
    pub fn iter(&self) -> impl Iterator<Item = (&Id, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Mutable entries in file order.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&Id, &mut V)> {
        self.0.iter_mut().map(|(k, v)| (&*k, v))
    }

    /// Keys in file order.
    pub fn keys(&self) -> impl Iterator<Item = &Id> {
        self.0.iter().map(|(k, _)| k)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V> Default for OrderedMap<V> {
    fn default() -> OrderedMap<V> {
        OrderedMap::new()
    }
}

impl<V> FromIterator<(Id, V)> for OrderedMap<V> {
    fn from_iter<I: IntoIterator<Item = (Id, V)>>(iter: I) -> OrderedMap<V> {
        let mut map = OrderedMap::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

impl<V: Serialize> Serialize for OrderedMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<OrderedMap<V>, D::Error> {
        struct MapVisitor<V>(PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = OrderedMap<V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map keyed by id")
            }

            fn visit_map<A: MapAccess<'de>>(
                self,
                mut access: A,
            ) -> Result<OrderedMap<V>, A::Error> {
                let mut entries: Vec<(Id, V)> = Vec::new();
                let mut seen = std::collections::HashSet::new();
                while let Some((key, value)) = access.next_entry::<Id, V>()? {
                    if !seen.insert(key.clone()) {
                        return Err(serde::de::Error::custom(format!(
                            "[duplicate-key] duplicate key `{key}`"
                        )));
                    }
                    entries.push((key, value));
                }
                Ok(OrderedMap(entries))
            }
        }

        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

impl<V: schemars::JsonSchema> schemars::JsonSchema for OrderedMap<V> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Map_of_{}", V::schema_name()).into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let value = generator.subschema_for::<V>();
        schemars::json_schema!({
            "type": "object",
            "propertyNames": { "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$", "maxLength": Id::MAX_LEN },
            "additionalProperties": value
        })
    }
}
