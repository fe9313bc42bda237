//! A small element tree of one XML part (quick-xml events → [`Node`]), enough to walk
//! WordprocessingML by qualified name (`w:p`, `w:rPr`, …).

use quick_xml::events::Event;
use quick_xml::Reader;
use unicode_normalization::UnicodeNormalization;

/// One element: its qualified name as written (`w:p`), attributes, children and text.
#[derive(Debug, Default, Clone)]
pub(crate) struct Node {
    /// Qualified name as written in the part (`w:p`, `v:line`).
    pub(crate) name: String,
    /// Attributes, qualified names as written, values unescaped.
    pub(crate) attrs: Vec<(String, String)>,
    /// Child elements in document order.
    pub(crate) children: Vec<Node>,
    /// The element's own text (character data directly inside it).
    pub(crate) text: String,
}

impl Node {
    /// The value of attribute `name` (`w:val`).
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first child named `name`.
    pub(crate) fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every descendant (depth first, this node excluded) named `name`.
    pub(crate) fn descendants<'a>(&'a self, name: &'a str) -> Vec<&'a Node> {
        let mut out = Vec::new();
        self.collect(name, &mut out);
        out
    }

    fn collect<'a>(&'a self, name: &str, out: &mut Vec<&'a Node>) {
        for c in &self.children {
            if c.name == name {
                out.push(c);
            }
            c.collect(name, out);
        }
    }

    /// `w:val` of the child `name`, e.g. `p.child_val("w:jc")`.
    pub(crate) fn child_val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|c| c.attr("w:val"))
    }
}

/// Deepest element nesting accepted (the tree is walked recursively).
const MAX_DEPTH: usize = 256;

/// Parse one part into its root element. `None` when the bytes are not well-formed XML.
#[cfg(test)]
pub(crate) fn parse(bytes: &[u8]) -> Option<Node> {
    parse_at(bytes).ok()
}

/// Parse one part into its root element, or say where it stops being well-formed XML: (line,
/// column), both from 1, the column counted in characters.
pub(crate) fn parse_at(bytes: &[u8]) -> Result<Node, (usize, usize)> {
    let mut r = Reader::from_reader(bytes);
    tree(&mut r).ok_or_else(|| {
        // A syntax error: where it starts; our own refusals (unclosed at the end, an unknown
        // entity, too deep): where reading stopped.
        let at = match r.error_position() {
            0 => r.buffer_position(),
            p => p,
        };
        let at = usize::try_from(at).unwrap_or(bytes.len()).min(bytes.len());
        let before = String::from_utf8_lossy(&bytes[..at]);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    })
}

fn tree(r: &mut Reader<&[u8]>) -> Option<Node> {
    let mut stack: Vec<Node> = vec![Node::default()];
    let mut buf = Vec::new();
    loop {
        let ev = r.read_event_into(&mut buf).ok()?;
        match ev {
            Event::Start(e) => {
                // WordprocessingML nests a few dozen levels; deeper is not a document.
                if stack.len() > MAX_DEPTH {
                    return None;
                }
                stack.push(start(&e)?)
            }
            Event::Empty(e) => {
                let n = start(&e)?;
                stack.last_mut()?.children.push(n);
            }
            Event::End(_) => {
                let mut n = stack.pop()?;
                // Vietnamese typed as decomposed Unicode (NFD: Unikey's "Unicode tổ hợp", some
                // Mac programs) is read composed, as the data is (NFC): the same words compare
                // equal whichever form the file holds.
                if !unicode_normalization::is_nfc(&n.text) {
                    n.text = n.text.nfc().collect();
                }
                stack.last_mut()?.children.push(n);
            }
            Event::Text(t) => {
                let s = t.decode().ok()?;
                stack.last_mut()?.text.push_str(&s);
            }
            Event::GeneralRef(g) => {
                let name = g.decode().ok()?;
                let s = match name.as_ref() {
                    "amp" => "&".to_string(),
                    "lt" => "<".to_string(),
                    "gt" => ">".to_string(),
                    "quot" => "\"".to_string(),
                    "apos" => "'".to_string(),
                    other => {
                        let code = other.strip_prefix('#')?;
                        let n = match code.strip_prefix('x') {
                            Some(h) => u32::from_str_radix(h, 16).ok()?,
                            None => code.parse().ok()?,
                        };
                        char::from_u32(n)?.to_string()
                    }
                };
                stack.last_mut()?.text.push_str(&s);
            }
            Event::CData(t) => stack
                .last_mut()?
                .text
                .push_str(&String::from_utf8_lossy(&t)),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let mut root = stack.pop()?;
    root.children.pop()
}

fn start(e: &quick_xml::events::BytesStart<'_>) -> Option<Node> {
    let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.ok()?;
        let k = String::from_utf8_lossy(a.key.as_ref()).to_string();
        let v = a
            .normalized_value(quick_xml::XmlVersion::Explicit1_0)
            .ok()?
            .to_string();
        attrs.push((k, v));
    }
    Some(Node {
        name,
        attrs,
        ..Node::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn where_a_part_stops_being_xml() {
        assert_eq!(parse_at(b"<a>\n  <b></c>").err(), Some((2, 6)));
        assert_eq!(parse_at(b"<a><b>").err(), Some((1, 7)));
        assert_eq!(
            parse_at("<a>\n<b>ả</b>\n</a>".as_bytes())
                .map(|n| n.name)
                .ok(),
            Some("a".into())
        );
    }

    #[test]
    fn parses_nested_elements_text_and_entities() {
        let n = parse(br#"<?xml version="1.0"?><a x="1"><b>T&amp;&#x1EA0;</b><c/></a>"#).unwrap();
        assert_eq!(n.name, "a");
        assert_eq!(n.attr("x"), Some("1"));
        assert_eq!(n.child("b").unwrap().text, "T&Ạ");
        assert_eq!(n.descendants("c").len(), 1);
        assert!(parse(b"<a><b></a>").is_none());
        let deep = "<a>".repeat(MAX_DEPTH + 2) + &"</a>".repeat(MAX_DEPTH + 2);
        assert!(parse(deep.as_bytes()).is_none());
    }

    #[test]
    fn decomposed_text_is_read_composed() {
        // "Hòa" and "Việt" with their marks combining (NFD), split by an entity.
        let n = parse("<t>Ho\u{300}a &amp; Vie\u{323}\u{302}t</t>".as_bytes()).unwrap();
        assert_eq!(n.text, "Hòa & Việt");
    }
}
