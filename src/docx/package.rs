//! The OPC package: a fixed part list, the self-check before writing, a deterministic zip.
//!
//! Every document has the same parts and relationships (static assets stored unzipped in
//! `src/docx/assets/`, with `{NAME}` placeholders for the values that vary); only
//! `word/document.xml`, `word/footnotes.xml` and `docProps/core.xml` are written per document,
//! plus one `word/footerN.xml` (with its relationship and content type) for each section that
//! has a first-page footer, in section order, and then an empty one for the other sections.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Write};

use quick_xml::encoding::Decoder;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// Relationship id of the page-number header (`word/header1.xml`).
pub(crate) const HEADER_PAGE_RID: &str = "rId6";
/// Relationship id of the empty first-page header (`word/header2.xml`).
pub(crate) const HEADER_EMPTY_RID: &str = "rId7";

/// Relationship id number of `word/footer1.xml` (`rId8`, after the fixed rId1–rId7); footer
/// `k` is `rId{7 + k}`, the empty footer of the sections without one last.
pub(crate) const FIRST_FOOTER_RID_BASE: usize = 8;

/// The static parts, stored unzipped in the repository.
mod assets {
    pub(super) const CONTENT_TYPES: &str = include_str!("assets/content-types.xml");
    pub(super) const PACKAGE_RELS: &str = include_str!("assets/package.rels");
    pub(super) const DOCUMENT_RELS: &str = include_str!("assets/document.xml.rels");
    pub(super) const APP: &str = include_str!("assets/app.xml");
    pub(super) const CORE: &str = include_str!("assets/core.xml");
    pub(super) const STYLES: &str = include_str!("assets/styles.xml");
    pub(super) const SETTINGS: &str = include_str!("assets/settings.xml");
    pub(super) const FONT_TABLE: &str = include_str!("assets/fontTable.xml");
    pub(super) const THEME: &str = include_str!("assets/theme1.xml");
    pub(super) const FOOTNOTES: &str = include_str!("assets/footnotes.xml");
    pub(super) const HEADER_PAGE: &str = include_str!("assets/header-page-number.xml");
    pub(super) const HEADER_EMPTY: &str = include_str!("assets/header-empty.xml");
}

/// A later citation of note `{N}`: a NOTEREF field to the bookmark of its first reference.
pub(super) const NOTEREF: &str = include_str!("assets/noteref.xml");

/// Fill `{NAME}` placeholders of an asset; values are escaped for XML.
pub(super) fn fill(asset: &str, values: &[(&str, &str)]) -> String {
    let mut out = asset.to_string();
    for (k, v) in values {
        let mut escaped = String::with_capacity(v.len());
        super::xml::escape_into(&mut escaped, v, true);
        out = out.replace(&format!("{{{k}}}"), &escaped);
    }
    out
}

/// The complete package of `pages`, in the order the parts are zipped.
pub(crate) fn assemble(pages: &crate::model::page::Pages) -> Package {
    let d = &pages.defaults;
    let size = d.size.half_points().to_string();
    let note_size = d.footnote_size.half_points().to_string();
    let page_size = d.page_number_size.half_points().to_string();
    let props = &pages.properties;
    let part = |path: &str, data: String| Part {
        path: path.to_string(),
        data: data.into_bytes(),
    };
    // First-page footers in section order, each with its relationship and content type.
    let mut footers: Vec<String> = pages
        .sections
        .iter()
        .filter(|s| !s.first_footer.is_empty())
        .map(|s| super::document::footer(pages, &s.first_footer))
        .collect();
    if !footers.is_empty() {
        footers.push(super::document::footer(pages, &[Default::default()]));
    }
    let mut content_types = assets::CONTENT_TYPES.to_string();
    let mut document_rels = assets::DOCUMENT_RELS.to_string();
    for k in 1..=footers.len() {
        content_types = content_types.replace(
            "</Types>",
            &format!(r#"<Override PartName="/word/footer{k}.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>"#),
        );
        document_rels = document_rels.replace(
            "</Relationships>",
            &format!(
                r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer{k}.xml"/></Relationships>"#,
                FIRST_FOOTER_RID_BASE + k - 1
            ),
        );
    }
    // Every asset is filled from one table (the placeholder names are distinct).
    let values = [
        ("TITLE", props.title.as_str()),
        ("CREATOR", &props.creator),
        ("DOC_LANG", &props.language),
        ("LANG", &d.language),
        ("FONT", &d.font),
        ("SIZE", &size),
        ("NOTE_SIZE", &note_size),
        ("PAGE_SIZE", &page_size),
    ];
    let filled = |asset: &str| fill(asset, &values);
    let mut parts = vec![
        part(CONTENT_TYPES, content_types),
        part("_rels/.rels", assets::PACKAGE_RELS.into()),
        part("docProps/core.xml", filled(assets::CORE)),
        part("docProps/app.xml", assets::APP.into()),
        part("word/document.xml", super::document::document(pages)),
        part("word/_rels/document.xml.rels", document_rels),
        part("word/styles.xml", filled(assets::STYLES)),
        part("word/settings.xml", filled(assets::SETTINGS)),
        part("word/fontTable.xml", assets::FONT_TABLE.into()),
        part("word/theme/theme1.xml", assets::THEME.into()),
        part(
            "word/footnotes.xml",
            super::document::footnotes(pages, assets::FOOTNOTES),
        ),
        part("word/header1.xml", filled(assets::HEADER_PAGE)),
        part("word/header2.xml", assets::HEADER_EMPTY.into()),
    ];
    for (k, f) in footers.into_iter().enumerate() {
        parts.push(part(&format!("word/footer{}.xml", k + 1), f));
    }
    Package { parts }
}

/// Parts at least this large (bytes) are compressed in the zip.
pub(crate) const DEFLATE_FROM: usize = 16 * 1024;

/// Path of the content-types part.
pub(crate) const CONTENT_TYPES: &str = "[Content_Types].xml";

/// One part of the package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    /// Part name inside the zip, without a leading slash (`word/document.xml`).
    pub path: String,
    /// The part's bytes.
    pub data: Vec<u8>,
}

/// A complete package, parts in the order they are written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Package {
    /// The parts, `[Content_Types].xml` first.
    pub parts: Vec<Part>,
}

/// The relationships part that belongs to `part` (`word/document.xml` → `word/_rels/document.xml.rels`).
pub(crate) fn rels_path_for(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/_rels/{name}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// The source part of a relationships part (`word/_rels/document.xml.rels` → `word/document.xml`);
/// `Some("")` for the package relationships `_rels/.rels`; `None` if `rels` is not a relationships part.
pub(crate) fn source_of_rels(rels: &str) -> Option<String> {
    let stem = rels.strip_suffix(".rels")?;
    let (dir, name) = match stem.rsplit_once('/') {
        Some((dir, name)) => (dir, name),
        None => return None,
    };
    if dir == "_rels" {
        return Some(name.to_string());
    }
    let parent = dir.strip_suffix("/_rels")?;
    Some(format!("{parent}/{name}"))
}

/// Resolves a relationship target against its source part; `None` if it leaves the package root.
pub(crate) fn resolve_target(source: &str, target: &str) -> Option<String> {
    let mut segments: Vec<&str> = Vec::new();
    if let Some(abs) = target.strip_prefix('/') {
        for seg in abs.split('/') {
            push_segment(&mut segments, seg)?;
        }
    } else {
        if let Some((dir, _)) = source.rsplit_once('/') {
            segments.extend(dir.split('/').filter(|s| !s.is_empty()));
        }
        for seg in target.split('/') {
            push_segment(&mut segments, seg)?;
        }
    }
    Some(segments.join("/"))
}

/// Applies one path segment (`..`, `.` or a name) to a segment stack.
fn push_segment<'a>(segments: &mut Vec<&'a str>, seg: &'a str) -> Option<()> {
    match seg {
        "" | "." => {}
        ".." => {
            segments.pop()?;
        }
        s => segments.push(s),
    }
    Some(())
}

/// What the integrity check learns from one XML part.
#[derive(Debug, Default)]
struct Scan {
    /// `(Id, Type, Target, external)` of each `Relationship`.
    rels: Vec<(String, String, String, bool)>,
    /// `(Extension, ContentType)` of each `Default`.
    defaults: Vec<(String, String)>,
    /// `(PartName, ContentType)` of each `Override`.
    overrides: Vec<(String, String)>,
    /// `w:id` of each footnote definition (children of the `w:footnotes` root).
    footnote_ids: Vec<String>,
    /// `w:id` of each `w:footnoteReference`.
    footnote_refs: Vec<String>,
    /// `w:id` of each `w:bookmarkStart`.
    bookmark_ids: Vec<String>,
    /// `id` of each `wp:docPr`.
    doc_pr_ids: Vec<String>,
    /// `w14:paraId` of each paragraph.
    para_ids: Vec<String>,
    /// Values of `r:id`, `r:embed` and `r:link` attributes.
    rel_refs: Vec<String>,
}

/// Local part of a qualified name.
fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

/// Attributes of a start tag as `(name, unescaped value)`; with `only_refs`, just the
/// attributes the check follows on any element (`r:id`, `r:embed`, `r:link`, `w14:paraId`).
fn attributes(
    e: &BytesStart<'_>,
    decoder: Decoder,
    only_refs: bool,
) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| err.to_string())?;
        let key = a.key.as_ref();
        if only_refs && !matches!(key, b"r:id" | b"r:embed" | b"r:link" | b"w14:paraId") {
            continue;
        }
        let key = String::from_utf8(key.to_vec()).map_err(|err| err.to_string())?;
        let value = a
            .decoded_and_normalized_value(XmlVersion::Implicit1_0, decoder)
            .map_err(|err| err.to_string())?;
        out.push((key, value.into_owned()));
    }
    Ok(out)
}

/// Whether the check reads all attributes of an element with this qualified name.
fn interesting(name: &[u8]) -> bool {
    let local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
    matches!(
        local,
        b"Relationship"
            | b"Default"
            | b"Override"
            | b"footnote"
            | b"footnoteReference"
            | b"bookmarkStart"
            | b"docPr"
    )
}

/// Value of attribute `key`.
fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Parses an XML part and collects the facts [`Package::check`] needs.
fn scan(data: &[u8]) -> Result<Scan, String> {
    let mut reader = Reader::from_reader(data);
    let mut out = Scan::default();
    // Depth and root name suffice: the reader itself checks that end tags match.
    let mut depth = 0usize;
    let mut root = String::new();
    let mut roots = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let raw = e.name();
                let all = interesting(raw.as_ref()) || depth == 0;
                let attrs = attributes(e, reader.decoder(), !all)?;
                if all || !attrs.is_empty() {
                    let name = std::str::from_utf8(raw.as_ref()).map_err(|err| err.to_string())?;
                    if depth == 0 {
                        roots += 1;
                        root = name.to_string();
                    }
                    collect(&mut out, name, depth, &root, &attrs);
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
            }
            Event::End(_) => {
                depth = depth.checked_sub(1).ok_or("unexpected end tag")?;
            }
            Event::Text(ref t) if depth == 0 && !t.iter().all(u8::is_ascii_whitespace) => {
                return Err("text outside the root element".into());
            }
            Event::GeneralRef(ref r) => {
                if depth == 0 {
                    return Err("entity reference outside the root element".into());
                }
                if r.is_char_ref() {
                    r.resolve_char_ref()
                        .map_err(|e| e.to_string())?
                        .ok_or("invalid character reference")?;
                } else {
                    let name = r.decode().map_err(|e| e.to_string())?;
                    if !matches!(&*name, "amp" | "lt" | "gt" | "quot" | "apos") {
                        return Err(format!("undefined entity &{name};"));
                    }
                }
            }
            Event::DocType(_) => return Err("DOCTYPE is not allowed in OOXML".into()),
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        return Err(format!("unclosed element <{root}>"));
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(out)
}

/// Records the facts carried by one element.
fn collect(out: &mut Scan, name: &str, depth: usize, root: &str, attrs: &[(String, String)]) {
    let owned = |k: &str| attr(attrs, k).unwrap_or_default().to_string();
    match name {
        "Relationship" => out.rels.push((
            owned("Id"),
            owned("Type"),
            owned("Target"),
            attr(attrs, "TargetMode") == Some("External"),
        )),
        "Default" => out
            .defaults
            .push((owned("Extension"), owned("ContentType"))),
        "Override" => out
            .overrides
            .push((owned("PartName"), owned("ContentType"))),
        _ => {}
    }
    match local(name) {
        "footnote" if depth == 1 && local(root) == "footnotes" => {
            out.footnote_ids.push(owned("w:id"));
        }
        "footnoteReference" => out.footnote_refs.push(owned("w:id")),
        "bookmarkStart" => out.bookmark_ids.push(owned("w:id")),
        "docPr" => out.doc_pr_ids.push(owned("id")),
        _ => {}
    }
    if let Some(id) = attr(attrs, "w14:paraId") {
        out.para_ids.push(id.to_string());
    }
    for (k, v) in attrs {
        if matches!(k.as_str(), "r:id" | "r:embed" | "r:link") {
            out.rel_refs.push(v.clone());
        }
    }
}

/// Pushes one message per value that occurs more than once.
fn duplicates(values: &[(String, String)], what: &str, problems: &mut Vec<String>) {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (part, v) in values {
        if let Some(first) = seen.insert(v.as_str(), part.as_str()) {
            problems.push(format!("duplicate {what} {v:?} ({first}, {part})"));
        }
    }
}

impl Package {
    /// The part at `path`, if present.
    pub(crate) fn part(&self, path: &str) -> Option<&Part> {
        self.parts.iter().find(|p| p.path == path)
    }

    /// Integrity check before writing: every XML part parses; every internal relationship target
    /// exists and every `r:id` used in a part is one of its relationships; every part has a
    /// content type (Default by extension or Override) and no Override names a missing part;
    /// footnote ids are unique and every `w:footnoteReference` id is defined; bookmark `w:id`s,
    /// `wp:docPr` ids and `w14:paraId`s are unique across the package (H24). Returns every problem found.
    pub(crate) fn check(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        let mut names: BTreeSet<String> = BTreeSet::new();
        for p in &self.parts {
            if p.path.starts_with('/') || p.path.is_empty() {
                problems.push(format!("bad part name {:?}", p.path));
            }
            if !names.insert(p.path.to_ascii_lowercase()) {
                problems.push(format!("duplicate part {}", p.path));
            }
        }
        let mut scans: Vec<(&str, Scan)> = Vec::new();
        for p in &self.parts {
            let lower = p.path.to_ascii_lowercase();
            if lower.ends_with(".xml") || lower.ends_with(".rels") {
                match scan(&p.data) {
                    Ok(s) => scans.push((p.path.as_str(), s)),
                    Err(e) => problems.push(format!("{}: not well-formed XML: {e}", p.path)),
                }
            }
        }
        let scan_of = |path: &str| scans.iter().find(|(p, _)| *p == path).map(|(_, s)| s);

        // Relationships.
        if self.part("_rels/.rels").is_none() {
            problems.push("missing package relationships _rels/.rels".into());
        }
        for (path, s) in &scans {
            let Some(source) = source_of_rels(path) else {
                continue;
            };
            if !source.is_empty() && !names.contains(&source.to_ascii_lowercase()) {
                problems.push(format!("{path}: relationships of a missing part {source}"));
            }
            let mut ids = BTreeSet::new();
            for (id, _, target, external) in &s.rels {
                if !ids.insert(id.as_str()) {
                    problems.push(format!("{path}: duplicate relationship id {id}"));
                }
                if *external {
                    continue;
                }
                match resolve_target(&source, target) {
                    Some(t) if names.contains(&t.to_ascii_lowercase()) => {}
                    Some(t) => problems.push(format!("{path}: {id} targets missing part {t}")),
                    None => {
                        problems.push(format!("{path}: {id} target {target} leaves the package"))
                    }
                }
            }
        }
        for (path, s) in &scans {
            if s.rel_refs.is_empty() {
                continue;
            }
            let rels = scan_of(&rels_path_for(path));
            for r in &s.rel_refs {
                if !rels.is_some_and(|rs| rs.rels.iter().any(|(id, ..)| id == r)) {
                    problems.push(format!("{path}: r:id {r} has no relationship"));
                }
            }
        }

        // Content types.
        match scan_of(CONTENT_TYPES) {
            None => problems.push(format!("missing {CONTENT_TYPES}")),
            Some(ct) => {
                let defaults: BTreeSet<String> = ct
                    .defaults
                    .iter()
                    .map(|(e, _)| e.to_ascii_lowercase())
                    .collect();
                let overrides: BTreeSet<String> = ct
                    .overrides
                    .iter()
                    .map(|(n, _)| n.to_ascii_lowercase())
                    .collect();
                for p in &self.parts {
                    if p.path == CONTENT_TYPES {
                        continue;
                    }
                    let lower = p.path.to_ascii_lowercase();
                    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
                    if !overrides.contains(&format!("/{lower}")) && !defaults.contains(ext) {
                        problems.push(format!("{}: no content type", p.path));
                    }
                }
                for (name, _) in &ct.overrides {
                    let path = name.trim_start_matches('/').to_ascii_lowercase();
                    if !names.contains(&path) {
                        problems.push(format!("content type Override for missing part {name}"));
                    }
                }
            }
        }

        // Footnotes, bookmarks, drawing ids.
        let mut notes = Vec::new();
        let mut refs = Vec::new();
        let mut bookmarks = Vec::new();
        let mut doc_prs = Vec::new();
        let mut para_ids = Vec::new();
        for (path, s) in &scans {
            para_ids.extend(s.para_ids.iter().map(|v| (path.to_string(), v.clone())));
            notes.extend(s.footnote_ids.iter().map(|v| (path.to_string(), v.clone())));
            refs.extend(
                s.footnote_refs
                    .iter()
                    .map(|v| (path.to_string(), v.clone())),
            );
            bookmarks.extend(s.bookmark_ids.iter().map(|v| (path.to_string(), v.clone())));
            doc_prs.extend(s.doc_pr_ids.iter().map(|v| (path.to_string(), v.clone())));
        }
        duplicates(&notes, "footnote id", &mut problems);
        duplicates(&bookmarks, "bookmark id", &mut problems);
        duplicates(&doc_prs, "wp:docPr id", &mut problems);
        duplicates(&para_ids, "w14:paraId", &mut problems);
        for (path, id) in &refs {
            if !notes.iter().any(|(_, n)| n == id) {
                problems.push(format!("{path}: footnote reference {id} has no footnote"));
            }
        }

        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Zips the parts deterministically: parts in their order, every entry dated 1980-01-01 00:00
    /// (`zip::DateTime::default()`), fixed permissions, no extra fields. Parts of
    /// [`DEFLATE_FROM`] bytes or more are Deflated at level 1 (fastest; the parts are repetitive XML); smaller ones are Stored, since
    /// setting up a compressor costs more than it saves on a few hundred bytes.
    pub(crate) fn to_bytes(&self) -> Result<Vec<u8>, std::io::Error> {
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644)
            .large_file(false);
        let deflated = stored
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1));
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for p in &self.parts {
            let options = if p.data.len() >= DEFLATE_FROM {
                deflated
            } else {
                stored
            };
            zip.start_file(p.path.as_str(), options)
                .map_err(std::io::Error::other)?;
            zip.write_all(&p.data)?;
        }
        let cursor = zip.finish().map_err(std::io::Error::other)?;
        Ok(cursor.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CT: &str = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
        r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
        r#"<Default Extension="xml" ContentType="application/xml"/>"#,
        r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
        r#"</Types>"#
    );
    const ROOT_RELS: &str = concat!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
        r#"</Relationships>"#
    );
    const DOC: &str = concat!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
        r#"<w:body><w:p><w:r><w:footnoteReference w:id="1"/></w:r></w:p></w:body></w:document>"#
    );
    const DOC_RELS: &str = concat!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>"#,
        r#"</Relationships>"#
    );
    const NOTES: &str = concat!(
        r#"<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
        r#"<w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>"#,
        r#"<w:footnote w:id="1"><w:p/></w:footnote></w:footnotes>"#
    );

    fn part(path: &str, data: &str) -> Part {
        Part {
            path: path.into(),
            data: data.as_bytes().to_vec(),
        }
    }

    fn good() -> Package {
        Package {
            parts: vec![
                part(CONTENT_TYPES, CT),
                part("_rels/.rels", ROOT_RELS),
                part("word/document.xml", DOC),
                part("word/_rels/document.xml.rels", DOC_RELS),
                part("word/footnotes.xml", NOTES),
            ],
        }
    }

    #[test]
    fn good_package_passes() {
        assert_eq!(good().check(), Ok(()));
    }

    #[test]
    fn paths() {
        assert_eq!(
            rels_path_for("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
        assert_eq!(
            source_of_rels("word/_rels/document.xml.rels").as_deref(),
            Some("word/document.xml")
        );
        assert_eq!(source_of_rels("_rels/.rels").as_deref(), Some(""));
        assert_eq!(
            resolve_target("word/document.xml", "theme/theme1.xml").as_deref(),
            Some("word/theme/theme1.xml")
        );
        assert_eq!(
            resolve_target("word/document.xml", "../docProps/app.xml").as_deref(),
            Some("docProps/app.xml")
        );
        assert_eq!(
            resolve_target("", "/word/document.xml").as_deref(),
            Some("word/document.xml")
        );
        assert_eq!(resolve_target("a.xml", "../x.xml"), None);
    }

    #[test]
    fn catches_dangling_relationship() {
        let mut p = good();
        p.parts.retain(|x| x.path != "word/footnotes.xml");
        let errs = p.check().unwrap_err();
        assert!(
            errs.iter()
                .any(|e| e.contains("targets missing part word/footnotes.xml")),
            "{errs:?}"
        );
        assert!(
            errs.iter()
                .any(|e| e.contains("footnote reference 1 has no footnote")),
            "{errs:?}"
        );
    }

    #[test]
    fn catches_missing_content_type() {
        let mut p = good();
        p.parts.push(part("word/media/a.png", "png"));
        let errs = p.check().unwrap_err();
        assert_eq!(errs, vec!["word/media/a.png: no content type".to_string()]);
    }

    #[test]
    fn catches_override_for_missing_part() {
        let mut p = good();
        p.parts[0] = part(
            CONTENT_TYPES,
            &CT.replace(
                "</Types>",
                r#"<Override PartName="/word/gone.xml" ContentType="application/xml"/></Types>"#,
            ),
        );
        let errs = p.check().unwrap_err();
        assert!(
            errs.iter()
                .any(|e| e.contains("Override for missing part /word/gone.xml")),
            "{errs:?}"
        );
    }

    #[test]
    fn catches_duplicate_footnote_id_and_bad_xml() {
        let mut p = good();
        p.parts[4] = part(
            "word/footnotes.xml",
            &NOTES.replace(r#"w:id="-1""#, r#"w:id="1""#),
        );
        p.parts.push(part("word/broken.xml", "<a><b></a>"));
        let errs = p.check().unwrap_err();
        assert!(
            errs.iter()
                .any(|e| e.contains("duplicate footnote id \"1\"")),
            "{errs:?}"
        );
        assert!(
            errs.iter()
                .any(|e| e.starts_with("word/broken.xml: not well-formed")),
            "{errs:?}"
        );
    }

    #[test]
    fn catches_unknown_rid_and_duplicate_bookmark() {
        let mut p = good();
        p.parts[2] = part(
            "word/document.xml",
            &DOC.replace(
                "<w:body>",
                r#"<w:body><w:bookmarkStart w:id="3" w:name="a"/><w:bookmarkStart w:id="3" w:name="b"/><w:sectPr><w:headerReference w:type="default" r:id="rId9"/></w:sectPr>"#,
            ),
        );
        let errs = p.check().unwrap_err();
        assert!(
            errs.iter()
                .any(|e| e.contains("r:id rId9 has no relationship")),
            "{errs:?}"
        );
        assert!(
            errs.iter()
                .any(|e| e.contains("duplicate bookmark id \"3\"")),
            "{errs:?}"
        );
    }

    #[test]
    fn to_bytes_is_deterministic() {
        let p = good();
        let a = p.to_bytes().expect("zip");
        let b = p.to_bytes().expect("zip");
        assert_eq!(a, b);
        let mut archive = zip::ZipArchive::new(Cursor::new(a)).expect("read");
        let names: Vec<String> = archive.file_names().map(str::to_string).collect();
        assert_eq!(names.len(), 5);
        let f = archive.by_index(0).expect("entry");
        assert_eq!(f.name(), CONTENT_TYPES);
        assert_eq!(f.compression(), zip::CompressionMethod::Stored);
        assert_eq!(f.last_modified(), Some(zip::DateTime::default()));
        assert!(f.extra_data().is_none_or(<[u8]>::is_empty));
    }
}
