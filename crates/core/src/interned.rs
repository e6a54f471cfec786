//! Reading a report back from its JSON (the page's worker sends it as text).
//!
//! A report's texts come from the catalogue and the driver tables, so most of its
//! fields are `&'static str`. Read back, each distinct text is stored once for the
//! life of the program and every later report shares it: the pool grows with the
//! number of distinct texts, a closed set, not with the number of reports read.

use serde::de::{Deserialize, Deserializer, Error};
use std::collections::BTreeSet;
use std::sync::Mutex;

/// A text of the catalogue or the driver tables. An alias of `&'static str`, so
/// that `serde` reads it with [`text`] rather than borrowing from the input.
pub type Text = &'static str;

static TEXTS: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
static LISTS: Mutex<BTreeSet<&'static [&'static str]>> = Mutex::new(BTreeSet::new());

/// The pooled copy of `text`.
pub fn intern(text: &str) -> &'static str {
    let mut pool = TEXTS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = pool.get(text) {
        return found;
    }
    let kept: &'static str = Box::leak(text.to_owned().into_boxed_str());
    pool.insert(kept);
    kept
}

/// The pooled copy of a list of texts.
pub fn intern_list(items: &[String]) -> &'static [&'static str] {
    let items: Vec<&'static str> = items.iter().map(|s| intern(s)).collect();
    let mut pool = LISTS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = pool.get(items.as_slice()) {
        return found;
    }
    let kept: &'static [&'static str] = Box::leak(items.into_boxed_slice());
    pool.insert(kept);
    kept
}

/// How many distinct texts and lists are pooled (tests prove the pool is bounded).
pub fn pooled() -> usize {
    let texts = TEXTS.lock().unwrap_or_else(|e| e.into_inner()).len();
    texts + LISTS.lock().unwrap_or_else(|e| e.into_inner()).len()
}

/// `deserialize_with` for a `&'static str` field.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let s = String::deserialize(d)?;
    Ok(intern(&s))
}

/// `deserialize_with` for an `Option<&'static str>` field.
pub fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'static str>, D::Error> {
    let s = Option::<String>::deserialize(d)?;
    Ok(s.map(|s| intern(&s)))
}

/// `deserialize_with` for a `&'static [&'static str]` field.
pub fn list<'de, D: Deserializer<'de>>(d: D) -> Result<&'static [&'static str], D::Error> {
    let items = Vec::<String>::deserialize(d)?;
    Ok(intern_list(&items))
}

/// Read a value serialised as one of its names: `find` maps the name back.
pub fn by_name<'de, D, T>(d: D, what: &str, find: impl Fn(&str) -> Option<T>) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let s = String::deserialize(d)?;
    find(&s).ok_or_else(|| D::Error::custom(format!("unknown {what} '{s}'")))
}

/// `Deserialize` for a type serialised as a name, given the function that maps the
/// name back.
macro_rules! deserialize_by_name {
    ($ty:ty, $what:literal, $find:expr) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::interned::by_name(d, $what, $find)
            }
        }
    };
}
pub(crate) use deserialize_by_name;
