//! Trường — the shape of a kind's data, taken from the JSON schema of its Rust type
//! (`schemars`), so every key a document kind accepts is known, optional ones and the keys of
//! list items included, whatever one data file holds. Templates are checked against it
//! ([`crate::template`]), and a key put at the wrong level of a data file is told where it
//! belongs ([`crate::data::yaml`]).

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::Value;

use crate::data::raw::{indexmap_like::OrderedMap, Lines, Scalar};
use crate::model::text::{Code, Text};

/// Dạng trường — what a name of the template holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    /// Giá trị — text, a number, a date, a yes/no: printed by `{{x}}`.
    Value,
    /// Dòng — text given as one string or a list of lines: printed by `{{x}}` with its lines
    /// joined by line breaks, or read line by line with `{{#each x}}`.
    Lines,
    /// Danh sách — a list of items: `{{#each x}}…{{/each}}`.
    List(Box<Shape>),
    /// Nhóm — named fields: `{{x.ten}}`, `{{#with x}}…{{/with}}`.
    Group(Vec<(String, Shape)>),
    /// Bảng nhãn — label → value, any label (footnotes): `{{#each x}}{{@key}}{{/each}}`.
    Map(Box<Shape>),
    /// Không rõ — a value built at run time (`lookup`, a subexpression): not checked.
    Any,
}

/// The shape of anything: names below it are not checked.
pub(crate) static ANY: Shape = Shape::Any;

impl Shape {
    /// The shape of the data a template filled with `T` sees.
    pub(crate) fn of<T: JsonSchema>() -> Shape {
        let schema = schemars::generate::SchemaSettings::draft2020_12()
            .into_generator()
            .into_root_schema_for::<T>();
        let root = schema.as_value();
        convert(root, root, 0)
    }

    /// This group with the keys `extra` added (a key already there is replaced): the values a
    /// kind's context adds to its data.
    pub(crate) fn with(self, extra: Vec<(&str, Shape)>) -> Shape {
        match self {
            Shape::Group(mut fields) => {
                for (k, s) in extra {
                    match fields.iter_mut().find(|(n, _)| n == k) {
                        Some(f) => f.1 = s,
                        None => fields.push((k.to_string(), s)),
                    }
                }
                Shape::Group(fields)
            }
            other => other,
        }
    }

    /// The names of a group, in order.
    pub(crate) fn keys(&self) -> Vec<&str> {
        match self {
            Shape::Group(f) => f.iter().map(|(n, _)| n.as_str()).collect(),
            _ => Vec::new(),
        }
    }

    /// The field `name` of a group.
    pub(crate) fn field(&self, name: &str) -> Option<&Shape> {
        match self {
            Shape::Group(f) => f.iter().find(|(n, _)| n == name).map(|(_, s)| s),
            _ => None,
        }
    }
}

/// A JSON schema (schemars' output) → shape; `$ref`s resolved in `root`'s `$defs`.
fn convert(node: &Value, root: &Value, depth: usize) -> Shape {
    if depth > 32 {
        return Shape::Any;
    }
    let Some(obj) = node.as_object() else {
        return Shape::Any;
    };
    if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
        let def = r
            .strip_prefix("#/$defs/")
            .and_then(|n| root.get("$defs").and_then(|d| d.get(n)));
        return def.map_or(Shape::Any, |d| convert(d, root, depth + 1));
    }
    if obj.get("x-vanban-dong").is_some() {
        return Shape::Lines;
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(v) = obj.get(key).and_then(Value::as_array) {
            // `Option<T>`: the variant that is not null; an enum of words: a value.
            let shapes: Vec<Shape> = v
                .iter()
                .filter(|s| s.get("type").and_then(Value::as_str) != Some("null"))
                .map(|s| convert(s, root, depth + 1))
                .collect();
            return match shapes.as_slice() {
                [one] => one.clone(),
                _ if shapes.iter().all(|s| *s == Shape::Value) => Shape::Value,
                _ => Shape::Any,
            };
        }
    }
    let types: Vec<&str> = match obj.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let types: Vec<&str> = types.into_iter().filter(|t| *t != "null").collect();
    match types.as_slice() {
        ["object"] => match obj.get("properties").and_then(Value::as_object) {
            Some(props) => Shape::Group(
                props
                    .iter()
                    .map(|(k, v)| (k.clone(), convert(v, root, depth + 1)))
                    .collect(),
            ),
            None => Shape::Map(Box::new(
                obj.get("additionalProperties")
                    .map_or(Shape::Any, |v| convert(v, root, depth + 1)),
            )),
        },
        ["array"] => Shape::List(Box::new(
            obj.get("items")
                .map_or(Shape::Any, |v| convert(v, root, depth + 1)),
        )),
        [] if obj.get("enum").is_none() && obj.get("const").is_none() => Shape::Any,
        _ => Shape::Value,
    }
}

impl JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string" })
    }
}

impl JsonSchema for Code {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Code".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string" })
    }
}

impl JsonSchema for Scalar {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Scalar".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "number"] })
    }
}

impl JsonSchema for Lines {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Lines".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "array", "items": { "type": "string" }, "x-vanban-dong": true })
    }
}

impl JsonSchema for OrderedMap {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OrderedMap".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "object", "additionalProperties": { "type": "string" } })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::raw::RawPlan;

    #[test]
    fn the_plan_shape_has_optional_and_nested_keys() {
        let s = Shape::of::<RawPlan>();
        assert_eq!(s.field("yeu_cau"), Some(&Shape::Value));
        assert_eq!(s.field("trich_yeu"), Some(&Shape::Lines));
        assert!(matches!(s.field("chu_thich"), Some(Shape::Map(_))));
        assert!(matches!(s.field("ky"), Some(Shape::Group(_))));
        // Optional: `loai`, `noi_dung` of an assignment.
        assert_eq!(s.field("loai"), Some(&Shape::Value));
        let Some(Shape::List(item)) = s.field("to_chuc_thuc_hien") else {
            panic!("list")
        };
        assert_eq!(item.field("noi_dung"), Some(&Shape::Value));
        let Some(Shape::List(obj)) = s.field("muc_tieu") else {
            panic!("list")
        };
        let Some(Shape::List(line)) = obj.field("noi_dung") else {
            panic!("list")
        };
        let Some(Shape::List(ind)) = line.field("chi_tieu") else {
            panic!("list")
        };
        assert_eq!(ind.field("cach_tinh"), Some(&Shape::Value));
        assert_eq!(ind.field("huong"), Some(&Shape::Value));
    }
}
