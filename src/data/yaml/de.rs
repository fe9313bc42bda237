//! Typing from the event pass: a serde `Deserializer` over the events [`super::events::scan`]
//! recorded, so that a file is tokenised once.
//!
//! Scalars resolve as `yaml_serde` resolves them (YAML 1.2 core schema; its rules are followed
//! function by function, and `tests` compare the two on every sample and fixture): a plain
//! scalar may be null (empty, `~`, `null`), a boolean (`true`, `False`, …), an integer (`12`,
//! `-3`, `0x1F`, `0o17`, `0b101`; `0123` stays a string) or a float (`1.5`, `.inf`); a quoted or
//! block scalar is a string; a text field takes any scalar as its text. Errors carry the
//! place of the event that caused them, as `yaml_serde`'s do, and serde's own wording
//! (`invalid type: string "x", expected f64`), which [`super::translate_serde`] translates.

use std::fmt;
use std::num::ParseIntError;

use serde::de::{self, DeserializeSeed, Expected, Unexpected, Visitor};

/// How a scalar is typed: as a plain scalar of the core schema, or as a string, or by its core
/// tag (`!!int`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Resolve {
    /// An untagged plain scalar.
    Plain,
    /// A quoted or block scalar, or `!!str`.
    Str,
    /// `!!bool`.
    Bool,
    /// `!!int`.
    Int,
    /// `!!float`.
    Float,
    /// `!!null`.
    Null,
}

/// One recorded event.
#[derive(Debug, Clone)]
pub(super) enum Ev {
    /// A scalar; `shared` when an alias may replay it (its text is then copied, not moved).
    Scalar {
        value: String,
        resolve: Resolve,
        shared: bool,
    },
    /// The start of a mapping; `end` is the index of its `MapEnd`.
    MapStart { end: u32 },
    /// The end of a mapping.
    MapEnd,
    /// The start of a sequence; `end` is the index of its `SeqEnd`.
    SeqStart { end: u32 },
    /// The end of a sequence.
    SeqEnd,
    /// An alias of the node that starts at event `target`.
    Alias { target: u32 },
}

/// An event with its place (line, 1-based column).
#[derive(Debug, Clone)]
pub(super) struct Placed {
    pub(super) ev: Ev,
    pub(super) line: u32,
    pub(super) column: u32,
}

/// A typing error, with the place of the event that caused it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeError {
    message: String,
    at: Option<(usize, usize)>,
}

impl DeError {
    /// Line and column (1-based) of the event that caused it.
    pub fn location(&self) -> Option<(usize, usize)> {
        self.at
    }

    fn at(mut self, p: &Placed) -> Self {
        if self.at.is_none() {
            self.at = Some((p.line as usize, p.column as usize));
        }
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            message: msg.to_string(),
            at: None,
        }
    }
}

type Result<T> = std::result::Result<T, DeError>;

/// Deepest nesting while typing, aliases included (the event pass allows 32 in the text).
const MAX_TYPING_DEPTH: usize = 128;

/// The deserializer: the events, the next one to read, and the budget for aliases.
pub(super) struct De<'e> {
    evs: &'e mut [Placed],
    pos: usize,
    depth: usize,
    /// Events read again through aliases so far, and at most how many.
    replayed: usize,
    budget: usize,
    /// How many aliases are being followed.
    in_alias: usize,
}

impl<'e> De<'e> {
    pub(super) fn new(evs: &'e mut [Placed]) -> Self {
        let budget = 1000 + 10 * evs.len();
        De {
            evs,
            pos: 0,
            depth: 0,
            replayed: 0,
            budget,
            in_alias: 0,
        }
    }

    fn here(&self) -> Result<&Placed> {
        self.evs
            .get(self.pos)
            .ok_or_else(|| de::Error::custom("unexpected end of the document"))
    }

    /// Move past the event at `pos`, counting replays.
    fn advance(&mut self) -> Result<()> {
        self.pos += 1;
        if self.in_alias > 0 {
            self.replayed += 1;
            if self.replayed > self.budget {
                return Err(de::Error::custom("repetition limit exceeded"));
            }
        }
        Ok(())
    }

    /// The end of the node that starts at `pos` (the index after it).
    fn node_end(&self, pos: usize) -> usize {
        match self.evs.get(pos).map(|p| &p.ev) {
            Some(Ev::MapStart { end } | Ev::SeqStart { end }) => *end as usize + 1,
            _ => pos + 1,
        }
    }

    /// Deserialize the node an alias at `pos` names (at `target`), then continue after the alias.
    fn follow<T>(&mut self, target: u32, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let back = self.pos + 1;
        self.pos = target as usize;
        self.in_alias += 1;
        let result = f(self);
        self.in_alias -= 1;
        self.pos = back;
        result
    }

    /// The text of the scalar at `pos` (moved out unless an alias may read it again).
    fn take_text(&mut self) -> String {
        match self.evs.get_mut(self.pos).map(|p| &mut p.ev) {
            Some(Ev::Scalar {
                value,
                shared: false,
                ..
            }) => std::mem::take(value),
            Some(Ev::Scalar { value, .. }) => value.clone(),
            _ => String::new(),
        }
    }

    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if self.depth >= MAX_TYPING_DEPTH {
            return Err(de::Error::custom("recursion limit exceeded"));
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    /// Type the scalar at `pos` the way `deserialize_any` does.
    fn visit_scalar<'de, V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let (text, resolve) = match &self.here()?.ev {
            Ev::Scalar { value, resolve, .. } => (value.as_str(), *resolve),
            _ => return Err(de::Error::custom("expected a scalar")),
        };
        let result = match resolve {
            Resolve::Plain => match plain(text) {
                Typed::Null => visitor.visit_unit(),
                Typed::Bool(b) => visitor.visit_bool(b),
                Typed::U64(n) => visitor.visit_u64(n),
                Typed::I64(n) => visitor.visit_i64(n),
                Typed::U128(n) => visitor.visit_u128(n),
                Typed::I128(n) => visitor.visit_i128(n),
                Typed::F64(x) => visitor.visit_f64(x),
                Typed::Str => {
                    let s = self.take_text();
                    visitor.visit_string(s)
                }
            },
            Resolve::Str => {
                let s = self.take_text();
                visitor.visit_string(s)
            }
            Resolve::Bool => match parse_bool(text) {
                Some(b) => visitor.visit_bool(b),
                None => Err(de::Error::invalid_value(
                    Unexpected::Str(text),
                    &"a boolean",
                )),
            },
            Resolve::Int => match int(text) {
                Some(Typed::U64(n)) => visitor.visit_u64(n),
                Some(Typed::I64(n)) => visitor.visit_i64(n),
                Some(Typed::U128(n)) => visitor.visit_u128(n),
                Some(Typed::I128(n)) => visitor.visit_i128(n),
                _ => Err(de::Error::invalid_value(
                    Unexpected::Str(text),
                    &"an integer",
                )),
            },
            Resolve::Float => match parse_f64(text) {
                Some(x) => visitor.visit_f64(x),
                None => Err(de::Error::invalid_value(Unexpected::Str(text), &"a float")),
            },
            Resolve::Null => match parse_null(text) {
                true => visitor.visit_unit(),
                false => Err(de::Error::invalid_value(Unexpected::Str(text), &"null")),
            },
        };
        self.advance()?;
        result
    }

    /// The error for the node at `pos` when `exp` was expected, naming what it is.
    fn invalid_type(&self, exp: &dyn Expected) -> DeError {
        let Ok(p) = self.here() else {
            return de::Error::custom("unexpected end of the document");
        };
        match &p.ev {
            Ev::Scalar { value, resolve, .. } => {
                let wide: String;
                let unexpected = match (resolve, plain(value)) {
                    (Resolve::Plain, Typed::Null) => Unexpected::Unit,
                    (Resolve::Plain, Typed::Bool(b)) => Unexpected::Bool(b),
                    (Resolve::Plain, Typed::U64(n)) => Unexpected::Unsigned(n),
                    (Resolve::Plain, Typed::I64(n)) => Unexpected::Signed(n),
                    (Resolve::Plain, Typed::U128(n)) => {
                        wide = format!("integer `{n}` as u128");
                        Unexpected::Other(&wide)
                    }
                    (Resolve::Plain, Typed::I128(n)) => {
                        wide = format!("integer `{n}` as i128");
                        Unexpected::Other(&wide)
                    }
                    (Resolve::Plain, Typed::F64(x)) => Unexpected::Float(x),
                    _ => Unexpected::Str(value),
                };
                de::Error::invalid_type(unexpected, exp)
            }
            Ev::MapStart { .. } => de::Error::invalid_type(Unexpected::Map, exp),
            Ev::SeqStart { .. } => de::Error::invalid_type(Unexpected::Seq, exp),
            _ => de::Error::custom("unexpected end of a mapping or sequence"),
        }
    }

    /// Whether the node at `pos` is a plain scalar that reads as an empty value (`key:`).
    fn is_empty_plain(&self) -> bool {
        matches!(
            self.here().map(|p| &p.ev),
            Ok(Ev::Scalar {
                value,
                resolve: Resolve::Plain,
                ..
            }) if value.is_empty()
        )
    }

    /// Run `f` on the node at `pos` (following an alias to the node it names), and place its
    /// error at that node.
    fn node<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let at = match self.here()?.ev {
            Ev::Alias { target } => target as usize,
            _ => self.pos,
        };
        let result = if at == self.pos {
            f(self)
        } else {
            self.follow(at as u32, f)
        };
        result.map_err(|e| match self.evs.get(at) {
            Some(p) => e.at(p),
            None => e,
        })
    }
}

/// A plain scalar typed by the core schema.
enum Typed {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    U128(u128),
    I128(i128),
    F64(f64),
    Str,
}

/// Whether a plain scalar `v` reads as text (not null, a boolean or a number).
pub(super) fn is_text(v: &str) -> bool {
    matches!(plain(v), Typed::Str)
}

fn plain(v: &str) -> Typed {
    if v.is_empty() || parse_null(v) {
        return Typed::Null;
    }
    if let Some(b) = parse_bool(v) {
        return Typed::Bool(b);
    }
    if let Some(t) = int(v) {
        return t;
    }
    if !digits_but_not_number(v) {
        if let Some(x) = parse_f64(v) {
            return Typed::F64(x);
        }
    }
    Typed::Str
}

fn int(v: &str) -> Option<Typed> {
    if let Some(n) = parse_unsigned_int(v, u64::from_str_radix) {
        return Some(Typed::U64(n));
    }
    if let Some(n) = parse_negative_int(v, i64::from_str_radix) {
        return Some(Typed::I64(n));
    }
    if let Some(n) = parse_unsigned_int(v, u128::from_str_radix) {
        return Some(Typed::U128(n));
    }
    parse_negative_int(v, i128::from_str_radix).map(Typed::I128)
}

fn parse_null(v: &str) -> bool {
    matches!(v, "null" | "Null" | "NULL" | "~")
}

fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// `0x`, `0o`, `0b` after an optional sign; the digits must not start with another sign.
fn radix_prefixed<T>(
    v: &str,
    negative: bool,
    from_str_radix: fn(&str, u32) -> std::result::Result<T, ParseIntError>,
) -> Option<T> {
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = v.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            let digits = if negative {
                from_str_radix(&format!("-{rest}"), radix)
            } else {
                from_str_radix(rest, radix)
            };
            if let Ok(n) = digits {
                return Some(n);
            }
        }
    }
    None
}

fn parse_unsigned_int<T>(
    v: &str,
    from_str_radix: fn(&str, u32) -> std::result::Result<T, ParseIntError>,
) -> Option<T> {
    let unpositive = v.strip_prefix('+').unwrap_or(v);
    if let Some(n) = radix_prefixed(unpositive, false, from_str_radix) {
        return Some(n);
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(v) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

fn parse_signed_int<T>(
    v: &str,
    from_str_radix: fn(&str, u32) -> std::result::Result<T, ParseIntError>,
) -> Option<T> {
    let unpositive = match v.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => v,
    };
    if let Some(n) = radix_prefixed(unpositive, false, from_str_radix) {
        return Some(n);
    }
    if let Some(n) = v
        .strip_prefix('-')
        .and_then(|rest| radix_prefixed(rest, true, from_str_radix))
    {
        return Some(n);
    }
    if digits_but_not_number(v) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

fn parse_negative_int<T>(
    v: &str,
    from_str_radix: fn(&str, u32) -> std::result::Result<T, ParseIntError>,
) -> Option<T> {
    if let Some(n) = v
        .strip_prefix('-')
        .and_then(|rest| radix_prefixed(rest, true, from_str_radix))
    {
        return Some(n);
    }
    if digits_but_not_number(v) {
        return None;
    }
    from_str_radix(v, 10).ok()
}

fn parse_f64(v: &str) -> Option<f64> {
    let unpositive = match v.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => v,
    };
    if let ".inf" | ".Inf" | ".INF" = unpositive {
        return Some(f64::INFINITY);
    }
    if let "-.inf" | "-.Inf" | "-.INF" = v {
        return Some(f64::NEG_INFINITY);
    }
    if let ".nan" | ".NaN" | ".NAN" = v {
        return Some(f64::NAN.copysign(1.0));
    }
    unpositive.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Leading zeros before digits make a string in YAML 1.2 (`0123`).
fn digits_but_not_number(v: &str) -> bool {
    let v = v.strip_prefix(['-', '+']).unwrap_or(v);
    v.len() > 1 && v.starts_with('0') && v[1..].bytes().all(|b| b.is_ascii_digit())
}

/// A scalar typed as a number kind: plain (or with the matching tag) and parsed by `parse`.
fn number_of<'de, V: Visitor<'de>>(
    de: &mut De<'_>,
    visitor: V,
    tag: Resolve,
    parse: impl FnOnce(&str) -> Option<Number>,
) -> Result<V::Value> {
    let parsed = match &de.here()?.ev {
        Ev::Scalar { value, resolve, .. } if *resolve == Resolve::Plain || *resolve == tag => {
            parse(value)
        }
        _ => None,
    };
    let result = match parsed {
        Some(Number::Bool(b)) => visitor.visit_bool(b),
        Some(Number::U64(n)) => visitor.visit_u64(n),
        Some(Number::I64(n)) => visitor.visit_i64(n),
        Some(Number::U128(n)) => visitor.visit_u128(n),
        Some(Number::I128(n)) => visitor.visit_i128(n),
        Some(Number::F64(x)) => visitor.visit_f64(x),
        None => return Err(de.invalid_type(&visitor)),
    };
    de.advance()?;
    result
}

enum Number {
    Bool(bool),
    U64(u64),
    I64(i64),
    U128(u128),
    I128(i128),
    F64(f64),
}

struct MapAccess<'a, 'e> {
    de: &'a mut De<'e>,
}

impl<'de> de::MapAccess<'de> for MapAccess<'_, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        match self.de.here()?.ev {
            Ev::MapEnd => Ok(None),
            _ => seed.deserialize(&mut *self.de).map(Some),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.de)
    }
}

struct SeqAccess<'a, 'e> {
    de: &'a mut De<'e>,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'_, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        match self.de.here()?.ev {
            Ev::SeqEnd => Ok(None),
            _ => seed.deserialize(&mut *self.de).map(Some),
        }
    }
}

/// Nothing: the map or sequence of an empty plain value (`key:` read as a list or a map).
struct Empty;

impl<'de> de::MapAccess<'de> for Empty {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, _: K) -> Result<Option<K::Value>> {
        Ok(None)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, _: V) -> Result<V::Value> {
        Err(de::Error::custom("no value in an empty mapping"))
    }
}

impl<'de> de::SeqAccess<'de> for Empty {
    type Error = DeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, _: T) -> Result<Option<T::Value>> {
        Ok(None)
    }
}

/// A unit variant written as a scalar (`cach_tinh: ty_le`).
struct UnitVariant<'a, 'e> {
    de: &'a mut De<'e>,
}

impl<'de> de::EnumAccess<'de> for UnitVariant<'_, '_> {
    type Error = DeError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let v = seed.deserialize(&mut *self.de)?;
        Ok((v, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'_, '_> {
    type Error = DeError;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"newtype variant",
        ))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"tuple variant",
        ))
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Result<V::Value> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"struct variant",
        ))
    }
}

macro_rules! forward_number {
    ($($method:ident => $tag:expr, $parse:expr;)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
                self.node(|de| number_of(de, visitor, $tag, $parse))
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for &mut De<'_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.node(|de| match de.here()?.ev {
            Ev::MapStart { .. } => de.deserialize_map(visitor),
            Ev::SeqStart { .. } => de.deserialize_seq(visitor),
            _ => de.visit_scalar(visitor),
        })
    }

    forward_number! {
        deserialize_bool => Resolve::Bool, |v: &str| parse_bool(v).map(Number::Bool);
        deserialize_i64 => Resolve::Int, |v: &str| parse_signed_int(v, i64::from_str_radix).map(Number::I64);
        deserialize_i128 => Resolve::Int, |v: &str| parse_signed_int(v, i128::from_str_radix).map(Number::I128);
        deserialize_u64 => Resolve::Int, |v: &str| parse_unsigned_int(v, u64::from_str_radix).map(Number::U64);
        deserialize_u128 => Resolve::Int, |v: &str| parse_unsigned_int(v, u128::from_str_radix).map(Number::U128);
        deserialize_f64 => Resolve::Float, |v: &str| parse_f64(v).map(Number::F64);
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_f64(visitor)
    }
    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.node(|de| match de.here()?.ev {
            Ev::Scalar { .. } => {
                let s = de.take_text();
                de.advance()?;
                visitor.visit_string(s)
            }
            _ => Err(de.invalid_type(&visitor)),
        })
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(de::Error::custom(
            "serialization and deserialization of bytes in YAML is not implemented",
        ))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.node(|de| {
            let none = match &de.here()?.ev {
                Ev::Scalar {
                    value,
                    resolve: Resolve::Plain,
                    ..
                } => value.is_empty() || parse_null(value),
                Ev::Scalar {
                    value,
                    resolve: Resolve::Null,
                    ..
                } => {
                    if !parse_null(value) {
                        return Err(de::Error::invalid_value(Unexpected::Str(value), &"null"));
                    }
                    true
                }
                _ => false,
            };
            if none {
                de.advance()?;
                visitor.visit_none()
            } else {
                visitor.visit_some(de)
            }
        })
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.node(|de| match &de.here()?.ev {
            Ev::Scalar {
                value,
                resolve: Resolve::Plain | Resolve::Null,
                ..
            } if value.is_empty() || parse_null(value) => {
                de.advance()?;
                visitor.visit_unit()
            }
            Ev::Scalar { value, .. } => {
                Err(de::Error::invalid_value(Unexpected::Str(value), &"null"))
            }
            _ => Err(de.invalid_type(&visitor)),
        })
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.nested(|de| visitor.visit_newtype_struct(de))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.node(|de| match de.here()?.ev {
            Ev::SeqStart { .. } => {
                let end = de.node_end(de.pos);
                de.advance()?;
                let value = de.nested(|de| visitor.visit_seq(SeqAccess { de }))?;
                de.pos = end;
                Ok(value)
            }
            _ if de.is_empty_plain() => {
                de.advance()?;
                visitor.visit_seq(Empty)
            }
            _ => Err(de.invalid_type(&visitor)),
        })
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.node(|de| match de.here()?.ev {
            Ev::MapStart { .. } => {
                let end = de.node_end(de.pos);
                de.advance()?;
                let value = de.nested(|de| visitor.visit_map(MapAccess { de }))?;
                de.pos = end;
                Ok(value)
            }
            _ if de.is_empty_plain() => {
                de.advance()?;
                visitor.visit_map(Empty)
            }
            _ => Err(de.invalid_type(&visitor)),
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.node(|de| match de.here()?.ev {
            Ev::Scalar { .. } => visitor.visit_enum(UnitVariant { de }),
            _ => Err(de.invalid_type(&visitor)),
        })
    }

    /// A field name: read in place (keys stay in the events, for the locator's paths).
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.node(|de| {
            let value = match &de.here()?.ev {
                Ev::Scalar { value, .. } => visitor.visit_str(value),
                _ => return Err(de.invalid_type(&visitor)),
            }?;
            de.advance()?;
            Ok(value)
        })
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let end = self.node_end(self.pos);
        self.pos = end;
        visitor.visit_unit()
    }
}

#[cfg(test)]
mod tests {
    //! The typing agrees with `yaml_serde` (which typed these files before): same values, same
    //! errors, scalar by scalar and file by file.

    use std::fmt::Debug;
    use std::path::Path;

    use serde::de::DeserializeOwned;

    use super::*;
    use crate::data::source::Source;
    use crate::data::yaml::events::scan;

    /// Type `text` with the event pass's events.
    fn ours<T: DeserializeOwned>(text: &str) -> std::result::Result<T, String> {
        let mut s = scan(&Source::from_text(Path::new("t.yaml"), text));
        T::deserialize(&mut De::new(&mut s.locator.events))
            .map_err(|e| format!("{e} @{:?}", e.location().unwrap_or_default()))
    }

    /// Type `text` with yaml_serde; its message without the path before it and the place
    /// after it (ours has them apart).
    fn theirs<T: DeserializeOwned>(text: &str) -> std::result::Result<T, String> {
        serde_yaml::from_str(text).map_err(|e| {
            let at = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            let m = e.to_string();
            let m = m.split(" at line ").next().unwrap_or("");
            let m = match m.split_once(": ") {
                Some((path, rest)) if !path.contains(' ') => rest,
                _ => m,
            };
            format!("{m} @{at:?}")
        })
    }

    fn same<T: DeserializeOwned + Debug + PartialEq>(text: &str) {
        let (mut a, mut b) = (ours::<T>(text), theirs::<T>(text));
        // A block scalar's place: saphyr gives its first content line, libyaml its `|`.
        if text.starts_with('|') {
            let unplace = |r: &mut std::result::Result<T, String>| {
                if let Err(m) = r {
                    *m = m.split(" @").next().unwrap_or("").to_string();
                }
            };
            unplace(&mut a);
            unplace(&mut b);
        }
        // NaN is not equal to itself: compare what they print.
        assert_eq!(
            format!("{a:?}"),
            format!("{b:?}"),
            "{text:?} as {}",
            std::any::type_name::<T>()
        );
    }

    const SCALARS: &[&str] = &[
        "",
        "~",
        "null",
        "Null",
        "NULL",
        "nULL",
        "true",
        "True",
        "TRUE",
        "tRUE",
        "false",
        "yes",
        "no",
        "on",
        "off",
        "y",
        "0",
        "-0",
        "+1",
        "+-1",
        "007",
        "-007",
        "0x1F",
        "0x1f",
        "-0x1F",
        "+0x1F",
        "0x-1",
        "0o17",
        "-0o17",
        "0b101",
        "-0b101",
        "0b2",
        "1.5",
        "-1.5",
        "+1.5",
        ".5",
        "5.",
        "1e3",
        "1E-3",
        "-1e400",
        ".inf",
        "-.inf",
        "+.inf",
        ".Inf",
        ".nan",
        ".NaN",
        "-.nan",
        "inf",
        "nan",
        "NaN",
        "Infinity",
        "1_000",
        "12:30",
        "2025-04-02",
        "0.",
        "00",
        "-01",
        "1,5",
        "1.240",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "340282366920938463463374607431768211456",
        "Việt Nam",
        "MT1.CT1",
        "a b",
        "'quoted'",
        "\"dq\"",
    ];

    #[test]
    fn scalars_type_as_yaml_serde_types_them() {
        for s in SCALARS {
            // An empty file never reaches typing (the event pass reports it).
            if s.is_empty() {
                continue;
            }
            let plain = format!("{s}\n");
            let quoted = format!("'{}'\n", s.replace('\'', "''"));
            let block = format!("|\n  {s}\n");
            for text in [&plain, &quoted, &block] {
                if text.starts_with("'\"") || (text == &plain && s.starts_with(['\'', '"'])) {
                    continue;
                }
                same::<serde_yaml::Value>(text);
                same::<String>(text);
                same::<Option<String>>(text);
                same::<f64>(text);
                same::<u64>(text);
                same::<i64>(text);
                same::<u32>(text);
                same::<bool>(text);
                same::<()>(text);
                same::<Option<f64>>(text);
                same::<Vec<String>>(text);
            }
        }
    }

    #[test]
    fn structures_type_as_yaml_serde_types_them() {
        for text in [
            "a: 1\nb: [x, 2, ~]\nc: {d: e}\n",
            "- a\n- b: c\n  d: [1, '2']\n",
            "a: &x [1, 2]\nb: *x\nc: &y q\nd: *y\n",
            "a:\nb: ~\n",
            "[]\n",
            "{}\n",
            "a: !!str 12\nb: !!int '12'\nc: !!float 1\nd: !!bool true\ne: !!null ~\n",
            "? a\n: b\n",
        ] {
            same::<serde_yaml::Value>(text);
        }
    }

    /// Every sample and fixture: the raw structs typed both ways are the same.
    #[test]
    fn every_sample_and_fixture_types_the_same() {
        use crate::data::envelope::RawEnvelope;
        use crate::data::raw::RawPlan;
        use crate::data::report::RawUnitReport;
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in [
            "data",
            "data/bao-cao",
            "tests/cases",
            "tests/cases/invalid",
            "tests/cases/invalid-reports",
        ] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "yaml") {
                    files.push(p);
                }
            }
        }
        assert!(files.len() > 40, "{}", files.len());
        for p in files {
            // Both read the text as decoded (BOM out, raw controls made spaces).
            let Ok(source) =
                crate::data::source::decode(&p, &std::fs::read(&p).unwrap_or_default())
            else {
                continue;
            };
            let text = source.text.as_str();
            // A file the event pass could not read to its end never reaches typing.
            if scan(&source).diags.errors().any(|d| {
                ["cú pháp", "lồng nhau quá sâu", "tệp rỗng"]
                    .iter()
                    .any(|m| d.message.contains(m))
            }) {
                continue;
            }
            let name = p.display().to_string();
            let check = |a: String, b: String| assert_eq!(a, b, "{name}");
            check(
                format!("{:?}", ours::<serde_yaml::Value>(text).ok()),
                format!("{:?}", theirs::<serde_yaml::Value>(text).ok()),
            );
            check(
                format!("{:?}", ours::<RawPlan>(text)),
                format!("{:?}", theirs::<RawPlan>(text)),
            );
            check(
                format!("{:?}", ours::<RawUnitReport>(text)),
                format!("{:?}", theirs::<RawUnitReport>(text)),
            );
            check(
                format!("{:?}", ours::<RawEnvelope>(text)),
                format!("{:?}", theirs::<RawEnvelope>(text)),
            );
        }
    }
}
