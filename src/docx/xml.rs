//! A small streaming XML writer: an element closes itself when dropped (typst-svg's habit).
//!
//! `let mut p = xml.elem("w:p"); p.attr("w:id", 3); { let mut r = p.elem("w:r"); … }` writes
//! `<w:p w:id="3"><w:r>…</w:r></w:p>`; an element without children is written `<x/>`. Text and
//! attribute values are escaped here and nowhere else; characters XML 1.0 forbids are dropped.

use std::fmt::Display;
use std::fmt::Write as _;

use crate::model::format::is_xml_forbidden as forbidden;

/// The XML declaration every part starts with.
pub(crate) const DECLARATION: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// An XML text being written.
pub(crate) struct Xml {
    buf: String,
}

impl Xml {
    /// A new part, starting with the XML declaration.
    pub(crate) fn new(capacity: usize) -> Self {
        let mut buf = String::with_capacity(capacity);
        buf.push_str(DECLARATION);
        Xml { buf }
    }

    /// A fragment without the declaration (content spliced into an asset part).
    pub(crate) fn fragment(capacity: usize) -> Self {
        Xml {
            buf: String::with_capacity(capacity),
        }
    }

    /// Open a top-level element.
    pub(crate) fn elem(&mut self, name: &'static str) -> Elem<'_> {
        self.buf.push('<');
        self.buf.push_str(name);
        Elem {
            xml: self,
            name,
            open_tag: true,
        }
    }

    /// Append markup that is already XML (a static fragment of an asset).
    pub(crate) fn raw(&mut self, s: &str) {
        self.buf.push_str(s);
    }

    /// The finished text.
    pub(crate) fn finish(self) -> String {
        self.buf
    }
}

/// An open element; dropping it writes the end tag (or `/>` if it has no content).
pub(crate) struct Elem<'a> {
    xml: &'a mut Xml,
    name: &'static str,
    open_tag: bool,
}

impl Elem<'_> {
    /// Add an attribute; only valid before any child or text.
    pub(crate) fn attr(&mut self, key: &str, value: impl Display) -> &mut Self {
        debug_assert!(
            self.open_tag,
            "attribute {key} after content of {}",
            self.name
        );
        let b = &mut self.xml.buf;
        b.push(' ');
        b.push_str(key);
        b.push_str("=\"");
        let start = b.len();
        let _ = write!(b, "{value}");
        if b[start..].contains(['&', '<', '>', '"']) || b[start..].chars().any(forbidden) {
            let v = b.split_off(start);
            escape_into(b, &v, true);
        }
        b.push('"');
        self
    }

    fn close_start(&mut self) {
        if self.open_tag {
            self.xml.buf.push('>');
            self.open_tag = false;
        }
    }

    /// Open a child element.
    pub(crate) fn elem(&mut self, name: &'static str) -> Elem<'_> {
        self.close_start();
        self.xml.elem(name)
    }

    /// An empty child element with one `w:val` attribute: `<w:jc w:val="center"/>`.
    pub(crate) fn val(&mut self, name: &'static str, value: impl Display) {
        self.elem(name).attr("w:val", value);
    }

    /// An empty child element without attributes: `<w:b/>`.
    pub(crate) fn empty(&mut self, name: &'static str) {
        self.elem(name);
    }

    /// Markup written as it is (an asset whose values are escaped already).
    pub(crate) fn raw(&mut self, s: &str) {
        self.close_start();
        self.xml.buf.push_str(s);
    }

    /// Escaped character data.
    pub(crate) fn text(&mut self, s: &str) {
        self.close_start();
        escape_into(&mut self.xml.buf, s, false);
    }
}

impl Drop for Elem<'_> {
    fn drop(&mut self) {
        let b = &mut self.xml.buf;
        if self.open_tag {
            b.push_str("/>");
        } else {
            b.push_str("</");
            b.push_str(self.name);
            b.push('>');
        }
    }
}

/// Append `s` escaped (`&`, `<`, `>`, and `"` in attributes); characters XML forbids are dropped.
pub(crate) fn escape_into(out: &mut String, s: &str, attr: bool) {
    let needs = |c: char| matches!(c, '&' | '<' | '>') || (attr && c == '"') || forbidden(c);
    if !s.contains(needs) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            c if forbidden(c) => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_close_on_drop_and_escape() {
        let mut x = Xml::new(0);
        {
            let mut p = x.elem("w:p");
            p.attr("a", "x\"<&");
            {
                let mut r = p.elem("w:r");
                r.empty("w:b");
                r.text("1 < 2 & \u{B}3");
            }
            p.val("w:jc", "center");
        }
        let s = x.finish();
        assert_eq!(
            s.strip_prefix(DECLARATION).unwrap(),
            r#"<w:p a="x&quot;&lt;&amp;"><w:r><w:b/>1 &lt; 2 &amp; 3</w:r><w:jc w:val="center"/></w:p>"#
        );
    }
}
