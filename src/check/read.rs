//! Đọc tệp .docx — the package (zip) → the parts the checker needs, each paragraph with its
//! effective formatting resolved: document defaults → style (with its `basedOn` chain) →
//! paragraph → character style → run (ECMA-376 Part 1, 17.7.2).
//!
//! Reads WordprocessingML directly with quick-xml ([`super::xml`]), not with docx-rs 0.4.22's
//! `read_docx` (probed on 171 documents — vanban's own, the Word-style test documents, both
//! re-saved by LibreOffice; README "Vì sao đọc bằng quick-xml"). docx-rs keeps paragraphs,
//! tables, paragraph and run properties, styles, numbering, tracked changes, complex fields,
//! bookmarks and section properties, but its reader drops what the checker and the importer
//! need inside the runs: `w:footnoteReference` (the run comes back with no children),
//! `w:fldSimple`'s instruction (PAGE, NOTEREF), DrawingML line shapes (a `wps:wsp` keeps only its
//! text box), `v:line`, VML connectors and VML text boxes; it never opens `footnotes.xml` and
//! reads the headers of the last section only; it panics on `<w:jc/>`, `<w:sz/>`, `<w:pStyle/>`
//! (`attributes[0]`) and refuses a package without `[Content_Types].xml`. Using it would mean
//! reading the body a second time with quick-xml anyway.

use std::collections::BTreeMap;
use std::io::Read;

use super::xml::{self, Node};

/// Run formatting; `None` = not set at this level.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct RunProps {
    /// Phông chữ on the four slots: ascii, hAnsi, eastAsia, cs.
    pub(crate) fonts: [Option<String>; 4],
    /// Cỡ chữ in half-points (`w:sz`).
    pub(crate) size: Option<u32>,
    /// Chữ đậm.
    pub(crate) bold: Option<bool>,
    /// Chữ nghiêng.
    pub(crate) italic: Option<bool>,
    /// In hoa by formatting (`w:caps`).
    pub(crate) caps: Option<bool>,
}

/// The font slots' names, in [`RunProps::fonts`] order.
pub(crate) const FONT_SLOTS: [&str; 4] = ["ascii", "hAnsi", "eastAsia", "cs"];

impl RunProps {
    fn merge(&mut self, o: &RunProps) {
        for (a, b) in self.fonts.iter_mut().zip(&o.fonts) {
            if b.is_some() {
                a.clone_from(b);
            }
        }
        self.size = o.size.or(self.size);
        self.bold = o.bold.or(self.bold);
        self.italic = o.italic.or(self.italic);
        self.caps = o.caps.or(self.caps);
    }
}

/// Paragraph formatting; `None` = not set at this level. Lengths in twips.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct ParaProps {
    /// Canh lề (`w:jc`: `both`, `center`, `left`, …).
    pub(crate) jc: Option<String>,
    /// Lùi dòng đầu (`w:firstLine`), twips.
    pub(crate) first_line: Option<i32>,
    /// Hanging indent, twips.
    pub(crate) hanging: Option<i32>,
    /// Left indent, twips.
    pub(crate) left: Option<i32>,
    /// Right indent, twips.
    pub(crate) right: Option<i32>,
    /// Space before, twips.
    pub(crate) before: Option<i32>,
    /// Space after, twips.
    pub(crate) after: Option<i32>,
    /// Line spacing (`w:line`): 240ths of a line with `auto`, twips otherwise.
    pub(crate) line: Option<i32>,
    /// `auto`, `exact` or `atLeast`.
    pub(crate) line_rule: Option<String>,
    /// A bottom border is drawn (a rule under the paragraph).
    pub(crate) bottom_border: Option<bool>,
    /// A top border is drawn.
    pub(crate) top_border: Option<bool>,
    /// List numbering: (`w:numId`, `w:ilvl`).
    pub(crate) num: Option<(String, usize)>,
}

impl ParaProps {
    fn merge(&mut self, o: &ParaProps) {
        macro_rules! m {
            ($($f:ident),*) => {$(if o.$f.is_some() { self.$f.clone_from(&o.$f); })*};
        }
        m!(
            jc,
            first_line,
            hanging,
            left,
            right,
            before,
            after,
            line,
            line_rule,
            bottom_border,
            top_border,
            num
        );
        // A first-line indent and a hanging indent exclude each other (the later level wins).
        if o.first_line.is_some() && o.hanging.is_none() {
            self.hanging = None;
        }
        if o.hanging.is_some() && o.first_line.is_none() {
            self.first_line = None;
        }
    }
}

/// One run of text with its effective formatting.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    /// Text (tabs as `\t`, breaks as `\n`).
    pub(crate) text: String,
    /// Effective formatting.
    pub(crate) props: RunProps,
    /// Chú thích — the `w:id` of the footnote this run cites (a `w:footnoteReference`, or a
    /// NOTEREF field to the bookmark around one; an endnote's `w:id` marked `e`, `e1`); the
    /// run's text is then empty.
    pub(crate) note: Option<String>,
}

/// One paragraph with its effective formatting.
#[derive(Debug, Clone, Default)]
pub(crate) struct Para {
    /// Visible text: the list label (H37), then the runs' text.
    pub(crate) text: String,
    /// The list label Word draws (`I.`, `1.`, `a)`), when the paragraph is numbered.
    pub(crate) label: Option<String>,
    /// Runs that hold text (fields' instructions and deleted text left out).
    pub(crate) runs: Vec<Run>,
    /// Effective paragraph formatting.
    pub(crate) props: ParaProps,
    /// A line shape is anchored in the paragraph (DrawingML `line`/connector, VML `v:line`).
    pub(crate) line_shape: bool,
    /// A PAGE field is in the paragraph.
    pub(crate) page_field: bool,
    /// The paragraph ends a section (its `w:pPr/w:sectPr`).
    pub(crate) ends_section: bool,
    /// A page break before the paragraph or in it.
    pub(crate) page_break: bool,
    /// Hộp văn bản — the text of text boxes anchored in the paragraph, one entry per box.
    pub(crate) boxes: Vec<String>,
    /// Hình ảnh — pictures anchored in the paragraph (`pic:pic`, VML `v:imagedata`).
    pub(crate) images: usize,
}

impl Para {
    /// The text with breaks and tabs as spaces, trimmed.
    pub(crate) fn plain(&self) -> String {
        self.text
            .replace(['\n', '\t', '\u{a0}'], " ")
            .trim()
            .to_string()
    }

    /// A rule is drawn by this paragraph: a border, a line shape, or a text of underscores.
    pub(crate) fn draws_rule(&self) -> bool {
        let t = self.plain();
        self.props.bottom_border == Some(true)
            || self.line_shape
            || (t.chars().count() >= 3 && t.chars().all(|c| c == '_' || c == ' '))
    }

    /// The paragraph carries a rule and no other text (an empty bordered paragraph, a shape, a
    /// line of underscores).
    pub(crate) fn is_rule_only(&self) -> bool {
        let t = self.plain();
        (t.is_empty() || t.chars().all(|c| c == '_' || c == ' '))
            && (self.draws_rule() || self.props.top_border == Some(true))
    }

    /// The paragraph cut at its line breaks (Shift+Enter) into one paragraph per line, as a
    /// reader sees the lines of a header cell or a Nơi nhận written in one paragraph. A border
    /// or a line shape goes with the last line.
    pub(crate) fn lines(&self) -> Vec<Para> {
        if !self.runs.iter().any(|r| r.text.contains('\n')) {
            return vec![self.clone()];
        }
        let blank = |p: &Para| Para {
            props: ParaProps {
                bottom_border: None,
                ..p.props.clone()
            },
            ..Para::default()
        };
        let mut out = vec![blank(self)];
        for r in &self.runs {
            for (n, piece) in r.text.split('\n').enumerate() {
                if n > 0 {
                    out.push(blank(self));
                }
                if !piece.is_empty() {
                    if let Some(last) = out.last_mut() {
                        last.runs.push(Run {
                            text: piece.to_string(),
                            props: r.props.clone(),
                            note: None,
                        });
                    }
                }
            }
        }
        for p in &mut out {
            p.text = p.runs.iter().map(|r| r.text.as_str()).collect();
        }
        if let Some(first) = out.first_mut() {
            if let Some(l) = &self.label {
                first.text = format!("{l} {}", first.text);
                first.label = Some(l.clone());
            }
        }
        if let Some(last) = out.last_mut() {
            last.props.bottom_border = self.props.bottom_border;
            last.line_shape = self.line_shape;
        }
        out
    }

    /// The formatting of the text's runs (runs of only spaces left out).
    pub(crate) fn text_runs(&self) -> impl Iterator<Item = &Run> {
        self.runs.iter().filter(|r| !r.text.trim().is_empty())
    }
}

/// A block of the body: a paragraph or a table (rows → cells → the cells' paragraphs, nested
/// tables flattened into their cell).
#[derive(Debug, Clone)]
// Paragraphs are by far the most common block and are read once per document: boxing them would
// cost an allocation each for no gain.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Block {
    /// Đoạn văn.
    Para(Para),
    /// Bảng: rows of cells of paragraphs.
    Table(Vec<Vec<Vec<Para>>>),
}

/// Section properties (`w:sectPr`). Lengths in twips.
#[derive(Debug, Clone, Default)]
pub(crate) struct Section {
    /// Page width and height.
    pub(crate) page: Option<(i32, i32)>,
    /// Margins: top, bottom, left (+ gutter), right.
    pub(crate) margins: Option<[i32; 4]>,
    /// Different first page (`w:titlePg`).
    pub(crate) title_pg: bool,
    /// Header parts by type (`default`, `first`, `even`): their paragraphs.
    pub(crate) headers: Vec<(String, Vec<Para>)>,
    /// Footer parts by type.
    pub(crate) footers: Vec<(String, Vec<Para>)>,
}

/// The document as the checker reads it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Doc {
    /// The body's blocks in order.
    pub(crate) blocks: Vec<Block>,
    /// The sections in order.
    pub(crate) sections: Vec<Section>,
    /// Tracked insertions and deletions not yet accepted (H38).
    pub(crate) tracked_changes: usize,
    /// Chú thích — the footnotes by `w:id` (separators left out): their paragraphs, the
    /// reference mark (`w:footnoteRef`) left out; the endnotes too, by `e` and their `w:id`
    /// (`e1`).
    pub(crate) footnotes: BTreeMap<String, Vec<Para>>,
    /// Chú thích cuối văn bản — how many endnotes the document has (read into `footnotes`).
    pub(crate) endnotes: usize,
    /// Ghi chú (comment) references of Word's review comments.
    pub(crate) comments: usize,
    /// Table cells merged across columns (`w:gridSpan` > 1) or rows (`w:vMerge`).
    pub(crate) merged_cells: usize,
    /// Embedded parts another program put in the body (`w:altChunk`: HTML, RTF, another
    /// .docx), which Word merges only when it opens the file; not read.
    pub(crate) alt_chunks: usize,
    /// Ký hiệu — symbols inserted from a symbol font (`w:sym`: Wingdings' ✓, Symbol's Greek),
    /// which have no Unicode text: their fonts, one per symbol.
    pub(crate) symbols: Vec<String>,
}

/// Why a package could not be read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReadError {
    /// Not a zip, or no `word/document.xml`.
    #[error("tệp hỏng hoặc không phải tệp Word .docx (mở bằng Word rồi Lưu thành \"Word Document (*.docx)\"); chi tiết: {0}")]
    NotDocx(String),
    /// A part is not well-formed XML.
    #[error("phần {0} của tệp không phải XML hợp lệ (hoặc lồng nhau quá sâu)")]
    BadPart(String),
    /// A part is not well-formed XML from (line, column) on.
    #[error("phần {0} của tệp không phải XML hợp lệ (hoặc lồng nhau quá sâu) từ dòng {1}, cột {2}: tệp hỏng, mở bằng Word rồi lưu lại")]
    BadXml(String, usize, usize),
    /// A part unpacks to more than [`MAX_PART`] bytes, or all parts to more than [`MAX_TOTAL`].
    #[error("phần {0} của tệp giải nén ra quá lớn (hơn 256 MB một phần hoặc 1 GB cả tệp): tệp hỏng hoặc không phải văn bản Word thông thường")]
    TooLarge(String),
}

/// The largest part read, unpacked (256 MiB, far above any office document's XML).
const MAX_PART: u64 = 256 << 20;
/// The most read of all XML parts together, unpacked (1 GiB).
const MAX_TOTAL: u64 = 1 << 30;

struct Package {
    parts: BTreeMap<String, Vec<u8>>,
}

impl Package {
    fn open(bytes: &[u8]) -> Result<Package, ReadError> {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| ReadError::NotDocx(e.to_string()))?;
        let mut parts = BTreeMap::new();
        let mut total = 0u64;
        for i in 0..z.len() {
            let mut f = z
                .by_index(i)
                .map_err(|e| ReadError::NotDocx(e.to_string()))?;
            // Only the XML parts are read: images and embedded files are never loaded.
            if f.is_dir() || !(f.name().ends_with(".xml") || f.name().ends_with(".rels")) {
                continue;
            }
            // A zip bomb (a few MB packing GBs of XML) is refused before it is unpacked; the
            // declared size may lie, so the read is bounded too.
            total = total.saturating_add(f.size());
            if f.size() > MAX_PART || total > MAX_TOTAL {
                return Err(ReadError::TooLarge(f.name().to_string()));
            }
            let mut buf = Vec::new();
            (&mut f)
                .take(MAX_PART + 1)
                .read_to_end(&mut buf)
                .map_err(|e| ReadError::NotDocx(e.to_string()))?;
            if buf.len() as u64 > MAX_PART {
                return Err(ReadError::TooLarge(f.name().to_string()));
            }
            parts.insert(f.name().to_string(), buf);
        }
        if !parts.contains_key("word/document.xml") {
            return Err(ReadError::NotDocx("thiếu word/document.xml".into()));
        }
        Ok(Package { parts })
    }

    fn xml(&self, name: &str) -> Result<Option<Node>, ReadError> {
        match self.parts.get(name) {
            None => Ok(None),
            Some(b) => match xml::parse_at(b) {
                Ok(n) => Ok(Some(n)),
                Err((line, column)) => Err(ReadError::BadXml(name.to_string(), line, column)),
            },
        }
    }
}

/// A length in twips, clamped to ±1,000,000 (about 17.6 m): no page or indent is longer, and the
/// rules' arithmetic never overflows on an absurd value.
fn twips(n: &Node, attr: &str) -> Option<i32> {
    n.attr(attr)
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|v| v.is_finite())
        .map(|v| v.round().clamp(-1_000_000.0, 1_000_000.0) as i32)
}

fn on_off(n: Option<&Node>) -> Option<bool> {
    n.map(|n| !matches!(n.attr("w:val"), Some("0" | "false" | "off" | "none")))
}

/// Theme fonts (`minorHAnsi` → `Calibri`), read from `word/theme/theme1.xml`.
#[derive(Default)]
struct Theme {
    fonts: BTreeMap<String, String>,
}

impl Theme {
    fn read(root: Option<Node>) -> Theme {
        let mut fonts = BTreeMap::new();
        if let Some(root) = root {
            for (kind, prefix) in [("a:majorFont", "major"), ("a:minorFont", "minor")] {
                for f in root.descendants(kind) {
                    for (slot, suffix) in
                        [("a:latin", "HAnsi"), ("a:ea", "EastAsia"), ("a:cs", "Bidi")]
                    {
                        if let Some(face) = f.child(slot).and_then(|c| c.attr("typeface")) {
                            if !face.is_empty() {
                                fonts.insert(format!("{prefix}{suffix}"), face.to_string());
                                if suffix == "HAnsi" {
                                    fonts.insert(format!("{prefix}Ascii"), face.to_string());
                                }
                            }
                        }
                    }
                }
            }
        }
        Theme { fonts }
    }
}

fn run_props(rpr: Option<&Node>, theme: &Theme) -> RunProps {
    let mut p = RunProps::default();
    let Some(rpr) = rpr else { return p };
    if let Some(f) = rpr.child("w:rFonts") {
        for (i, slot) in FONT_SLOTS.iter().enumerate() {
            // `w:cstheme` is spelled in lower case (ECMA-376 17.3.2.26).
            let theme_attr = if *slot == "cs" {
                "w:cstheme".to_string()
            } else {
                format!("w:{slot}Theme")
            };
            if let Some(t) = f.attr(&theme_attr) {
                // A theme font with no typeface (the usual `minorEastAsia`, `minorBidi` of a
                // Western theme) sets nothing: Word falls back to the run's other fonts.
                p.fonts[i] = Some(theme.fonts.get(t).cloned().unwrap_or_default());
            } else if let Some(v) = f.attr(&format!("w:{slot}")) {
                p.fonts[i] = Some(v.to_string());
            }
        }
    }
    p.size = rpr
        .child("w:sz")
        .and_then(|s| s.attr("w:val"))
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|v| v.is_finite())
        // Word's largest size is 1,638 pt (3,276 half-points).
        .map(|v| v.round().clamp(0.0, 10_000.0) as u32);
    p.bold = on_off(rpr.child("w:b"));
    p.italic = on_off(rpr.child("w:i"));
    p.caps = on_off(rpr.child("w:caps"));
    p
}

fn border_on(n: Option<&Node>) -> Option<bool> {
    n.map(|b| !matches!(b.attr("w:val"), Some("nil" | "none")))
}

fn para_props(ppr: Option<&Node>) -> ParaProps {
    let mut p = ParaProps::default();
    let Some(ppr) = ppr else { return p };
    p.jc = ppr.child_val("w:jc").map(|v| match v {
        "start" => "left".to_string(),
        "end" => "right".to_string(),
        "distribute" => "both".to_string(),
        o => o.to_string(),
    });
    if let Some(ind) = ppr.child("w:ind") {
        p.first_line = twips(ind, "w:firstLine");
        p.hanging = twips(ind, "w:hanging");
        p.left = twips(ind, "w:left").or_else(|| twips(ind, "w:start"));
        p.right = twips(ind, "w:right").or_else(|| twips(ind, "w:end"));
    }
    if let Some(sp) = ppr.child("w:spacing") {
        p.before = twips(sp, "w:before");
        p.after = twips(sp, "w:after");
        p.line = twips(sp, "w:line");
        p.line_rule = sp
            .attr("w:lineRule")
            .map(str::to_string)
            .or_else(|| p.line.map(|_| "auto".to_string()));
    }
    if let Some(b) = ppr.child("w:pBdr") {
        p.bottom_border = border_on(b.child("w:bottom")).or(Some(false));
        p.top_border = border_on(b.child("w:top")).or(Some(false));
    }
    if let Some(n) = ppr.child("w:numPr") {
        let id = n.child_val("w:numId").unwrap_or("0").to_string();
        let lvl = n
            .child_val("w:ilvl")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        p.num = Some((id, lvl));
    }
    p
}

/// Styles: document defaults and each style's own formatting with its parent.
struct Styles {
    default_run: RunProps,
    default_para: ParaProps,
    default_para_style: Option<String>,
    styles: BTreeMap<String, (Option<String>, ParaProps, RunProps)>,
}

impl Styles {
    fn read(root: Option<Node>, theme: &Theme) -> Styles {
        let mut s = Styles {
            default_run: RunProps::default(),
            default_para: ParaProps::default(),
            default_para_style: None,
            styles: BTreeMap::new(),
        };
        let Some(root) = root else { return s };
        if let Some(d) = root.child("w:docDefaults") {
            s.default_run = run_props(
                d.child("w:rPrDefault").and_then(|r| r.child("w:rPr")),
                theme,
            );
            s.default_para = para_props(d.child("w:pPrDefault").and_then(|r| r.child("w:pPr")));
        }
        for st in root.children.iter().filter(|c| c.name == "w:style") {
            let Some(id) = st.attr("w:styleId") else {
                continue;
            };
            if st.attr("w:type") == Some("paragraph")
                && matches!(st.attr("w:default"), Some("1" | "true"))
            {
                s.default_para_style = Some(id.to_string());
            }
            s.styles.insert(
                id.to_string(),
                (
                    st.child_val("w:basedOn").map(str::to_string),
                    para_props(st.child("w:pPr")),
                    run_props(st.child("w:rPr"), theme),
                ),
            );
        }
        s
    }

    /// The chain of a style, root first (cycles cut).
    fn chain(&self, id: &str) -> Vec<&(Option<String>, ParaProps, RunProps)> {
        let mut out = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        let mut cur = Some(id);
        while let Some(c) = cur {
            if seen.contains(&c) || seen.len() > 20 {
                break;
            }
            seen.push(c);
            match self.styles.get_key_value(c) {
                Some((_, s)) => {
                    out.push(s);
                    cur = s.0.as_deref();
                }
                None => break,
            }
        }
        out.reverse();
        out
    }
}

/// List numbering (`numbering.xml`): the label of each numbered paragraph, counted in order.
struct Numbering {
    /// numId → (abstractNumId, start overrides by level).
    nums: BTreeMap<String, (String, BTreeMap<usize, u32>)>,
    /// abstractNumId → levels: (start, numFmt, lvlText).
    abstracts: BTreeMap<String, BTreeMap<usize, (u32, String, String)>>,
    /// Counters per abstract list.
    counters: BTreeMap<String, Vec<Option<u32>>>,
}

impl Numbering {
    fn read(root: Option<Node>) -> Numbering {
        let mut n = Numbering {
            nums: BTreeMap::new(),
            abstracts: BTreeMap::new(),
            counters: BTreeMap::new(),
        };
        let Some(root) = root else { return n };
        for a in root.children.iter().filter(|c| c.name == "w:abstractNum") {
            let Some(id) = a.attr("w:abstractNumId") else {
                continue;
            };
            let mut lv = BTreeMap::new();
            for l in a.children.iter().filter(|c| c.name == "w:lvl") {
                let Some(i) = l.attr("w:ilvl").and_then(|v| v.parse().ok()) else {
                    continue;
                };
                // Word's largest list start is 32,767; clamped so that counting never overflows.
                let start = l
                    .child_val("w:start")
                    .and_then(|v| v.parse::<u32>().ok())
                    .unwrap_or(0)
                    .min(1_000_000);
                let fmt = l.child_val("w:numFmt").unwrap_or("decimal").to_string();
                let text = l.child_val("w:lvlText").unwrap_or("").to_string();
                lv.insert(i, (start, fmt, text));
            }
            n.abstracts.insert(id.to_string(), lv);
        }
        for num in root.children.iter().filter(|c| c.name == "w:num") {
            let (Some(id), Some(abs)) = (num.attr("w:numId"), num.child_val("w:abstractNumId"))
            else {
                continue;
            };
            let mut over = BTreeMap::new();
            for o in num.children.iter().filter(|c| c.name == "w:lvlOverride") {
                if let (Some(i), Some(s)) = (
                    o.attr("w:ilvl").and_then(|v| v.parse().ok()),
                    o.child("w:startOverride")
                        .and_then(|s| s.attr("w:val"))
                        .and_then(|v| v.parse::<u32>().ok()),
                ) {
                    over.insert(i, s.min(1_000_000));
                }
            }
            n.nums.insert(id.to_string(), (abs.to_string(), over));
        }
        n
    }

    /// The label of the next paragraph of list `num` at level `lvl`, counting it.
    fn label(&mut self, num: &str, lvl: usize) -> Option<String> {
        // Word has nine levels (0–8); a larger `w:ilvl` is not a list level.
        if lvl > 8 {
            return None;
        }
        let (abs, over) = self.nums.get(num)?;
        let levels = self.abstracts.get(abs)?;
        let counters = self.counters.entry(abs.clone()).or_default();
        if counters.len() <= lvl {
            counters.resize(lvl + 1, None);
        }
        let start = |i: usize| -> u32 {
            over.get(&i)
                .copied()
                .or_else(|| levels.get(&i).map(|l| l.0))
                .unwrap_or(1)
        };
        counters[lvl] = Some(match counters[lvl] {
            Some(c) => c + 1,
            None => start(lvl),
        });
        for c in counters.iter_mut().skip(lvl + 1) {
            *c = None;
        }
        let (_, fmt, text) = levels.get(&lvl)?;
        if fmt == "bullet" || fmt == "none" {
            return (!text.is_empty()).then(|| text.clone());
        }
        let mut label = text.clone();
        for i in (0..=lvl).rev() {
            let value = counters
                .get(i)
                .copied()
                .flatten()
                .unwrap_or_else(|| start(i));
            let f = levels.get(&i).map(|l| l.1.as_str()).unwrap_or("decimal");
            label = label.replace(&format!("%{}", i + 1), &format_number(value, f));
        }
        Some(label)
    }
}

/// A list counter as Word draws it in format `fmt` (`decimal`, `upperRoman`, `lowerLetter`, …).
pub(crate) fn format_number(n: u32, fmt: &str) -> String {
    // Past these, Word's own labels are not letters or numerals any more: decimal.
    let fmt = match fmt {
        "upperRoman" | "lowerRoman" if n > 3999 => "decimal",
        "lowerLetter" | "upperLetter" if n > 780 => "decimal",
        f => f,
    };
    match fmt {
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "lowerLetter" | "upperLetter" => {
            // Word repeats the letter past z: aa, bb, …
            let i = n.max(1) - 1;
            let c = char::from(b'a' + (i % 26) as u8);
            let s = c.to_string().repeat((i / 26 + 1) as usize);
            if fmt == "upperLetter" {
                s.to_uppercase()
            } else {
                s
            }
        }
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

/// Roman numeral of `n` for a list label: [`crate::model::format::roman`]; outside 1–3999, where
/// there is no Roman numeral, the Arabic number.
pub(crate) fn roman(n: u32) -> String {
    crate::model::format::roman(n).unwrap_or_else(|| n.to_string())
}

/// Where the reader is in a complex field (`w:fldChar` begin … separate … end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// Between begin and separate: the instruction, not shown.
    Instruction,
    /// Between separate and end: the shown result.
    Result,
    /// The result of a field read as something else (a NOTEREF read as its note).
    Hidden,
}

/// Reading context: styles, numbering, theme.
struct Ctx {
    styles: Styles,
    numbering: Numbering,
    theme: Theme,
    tracked: usize,
    /// Comment references met.
    comments: usize,
    /// Merged table cells met.
    merged: usize,
    /// Embedded parts (`w:altChunk`) met.
    alt_chunks: usize,
    /// Symbols from symbol fonts (`w:sym`) met: their fonts.
    symbols: Vec<String>,
    /// Bookmarks open in the current paragraph (their names).
    open_marks: Vec<String>,
    /// Bookmark name → the footnote it encloses the reference of (H17's NOTEREF target).
    note_marks: BTreeMap<String, String>,
}

impl Ctx {
    fn para(&mut self, p: &Node) -> Para {
        let ppr = p.child("w:pPr");
        let direct = para_props(ppr);
        let style = ppr
            .and_then(|x| x.child_val("w:pStyle"))
            .map(str::to_string)
            .or_else(|| self.styles.default_para_style.clone());
        let mut props = self.styles.default_para.clone();
        let mut base_run = self.styles.default_run.clone();
        if let Some(s) = &style {
            for (_, pp, rp) in self.styles.chain(s) {
                props.merge(pp);
                base_run.merge(rp);
            }
        }
        props.merge(&direct);
        let mut out = Para {
            props,
            ends_section: ppr.and_then(|x| x.child("w:sectPr")).is_some(),
            page_break: ppr
                .and_then(|x| x.child("w:pageBreakBefore"))
                .is_some_and(|n| on_off(Some(n)) == Some(true)),
            ..Para::default()
        };
        if let Some((id, lvl)) = out.props.num.clone() {
            if id != "0" {
                out.label = self.numbering.label(&id, lvl);
            }
        }
        let mut field_depth: Vec<Field> = Vec::new();
        self.inline(p, &base_run, &mut out, &mut field_depth);
        let body: String = out.runs.iter().map(|r| r.text.as_str()).collect();
        out.text = match &out.label {
            Some(l) if !l.is_empty() => format!("{l} {body}"),
            _ => body,
        };
        out
    }

    /// Walk a paragraph's inline content. `fields` is the stack of complex fields.
    fn inline(&mut self, n: &Node, base: &RunProps, out: &mut Para, fields: &mut Vec<Field>) {
        for c in &n.children {
            match c.name.as_str() {
                "w:pPr" | "w:rPr" => {}
                "w:bookmarkStart" => {
                    if let Some(name) = c.attr("w:name") {
                        self.open_marks.push(name.to_string());
                    }
                }
                "w:del" | "w:moveFrom" => self.tracked += 1,
                "w:ins" | "w:moveTo" => {
                    self.tracked += 1;
                    self.inline(c, base, out, fields);
                }
                "w:r" => self.run(c, base, out, fields),
                "w:fldSimple" => {
                    let instr = c.attr("w:instr").unwrap_or_default();
                    if is_page_field(instr) {
                        out.page_field = true;
                    }
                    // A later citation of a footnote as a simple field (H17): read as the note,
                    // as the complex NOTEREF field in `run`, not as its shown number.
                    let mut words = instr.split_whitespace();
                    let note = match words.next() {
                        Some("NOTEREF") => words.next().and_then(|m| self.note_marks.get(m)),
                        _ => None,
                    };
                    match note.cloned() {
                        Some(note) => out.runs.push(Run {
                            text: String::new(),
                            props: base.clone(),
                            note: Some(note),
                        }),
                        None => self.inline(c, base, out, fields),
                    }
                }
                _ => self.inline(c, base, out, fields),
            }
        }
    }

    fn run(&mut self, r: &Node, base: &RunProps, out: &mut Para, fields: &mut Vec<Field>) {
        let rpr = r.child("w:rPr");
        let mut props = base.clone();
        if let Some(cs) = rpr.and_then(|x| x.child_val("w:rStyle")) {
            for (_, _, rp) in self.styles.chain(cs) {
                props.merge(rp);
            }
        }
        props.merge(&run_props(rpr, &self.theme));
        // Hidden text (`w:vanish`) is not part of what the document shows.
        let hidden = on_off(rpr.and_then(|x| x.child("w:vanish"))) == Some(true);
        let mut text = String::new();
        for c in &r.children {
            match c.name.as_str() {
                "w:fldChar" => match c.attr("w:fldCharType") {
                    Some("begin") => fields.push(Field::Instruction),
                    Some("separate") => {
                        if let Some(f) = fields.last_mut() {
                            if *f == Field::Instruction {
                                *f = Field::Result;
                            }
                        }
                    }
                    Some("end") => {
                        fields.pop();
                    }
                    _ => {}
                },
                "w:instrText" if is_page_field(&c.text) => out.page_field = true,
                "w:instrText" => {
                    // A later citation of a footnote (H17): NOTEREF to the bookmark around the
                    // first reference; its shown number is replaced by the note itself.
                    let mut words = c.text.split_whitespace();
                    if words.next() == Some("NOTEREF") {
                        let note = words.next().and_then(|m| self.note_marks.get(m)).cloned();
                        if let (Some(note), Some(f)) = (note, fields.last_mut()) {
                            *f = Field::Hidden;
                            out.runs.push(Run {
                                text: String::new(),
                                props: props.clone(),
                                note: Some(note),
                            });
                        }
                    }
                }
                // An endnote is read as a note too, its id marked `e` (`e1`): vanban's notes are
                // footnotes, the text is kept.
                "w:footnoteReference" | "w:endnoteReference" => {
                    let mark = if c.name == "w:endnoteReference" {
                        "e"
                    } else {
                        ""
                    };
                    if let Some(id) = c.attr("w:id") {
                        let id = format!("{mark}{id}");
                        for m in self.open_marks.drain(..) {
                            self.note_marks.insert(m, id.clone());
                        }
                        if !text.is_empty() {
                            out.runs.push(Run {
                                text: std::mem::take(&mut text),
                                props: props.clone(),
                                note: None,
                            });
                        }
                        out.runs.push(Run {
                            text: String::new(),
                            props: props.clone(),
                            note: Some(id),
                        });
                    }
                }
                "w:t" if !hidden && fields.iter().all(|f| *f == Field::Result) => {
                    text.push_str(&c.text)
                }
                "w:tab" | "w:ptab" => text.push('\t'),
                "w:br" | "w:cr" => {
                    if c.attr("w:type") == Some("page") {
                        out.page_break = true;
                        // The words on either side stay apart.
                        text.push(' ');
                    } else {
                        text.push('\n');
                    }
                }
                "w:noBreakHyphen" => text.push('-'),
                "w:sym" => self
                    .symbols
                    .push(c.attr("w:font").unwrap_or_default().to_string()),
                "w:commentReference" => self.comments += 1,
                "w:drawing" | "w:pict" | "mc:AlternateContent" | "w:object" => {
                    if has_line_shape(c) {
                        out.line_shape = true;
                    }
                    if !c.descendants("pic:pic").is_empty()
                        || !c.descendants("v:imagedata").is_empty()
                    {
                        out.images += 1;
                    }
                    // A text box's text (Choice and Fallback of mc:AlternateContent hold the
                    // same box: the first is read).
                    if let Some(b) = c.descendants("w:txbxContent").first() {
                        let lines: Vec<String> = b
                            .descendants("w:p")
                            .iter()
                            .map(|p| {
                                p.descendants("w:t")
                                    .iter()
                                    .map(|t| t.text.as_str())
                                    .collect::<String>()
                            })
                            .filter(|t| !t.trim().is_empty())
                            .collect();
                        if !lines.is_empty() {
                            out.boxes.push(lines.join("\n"));
                        }
                    }
                }
                _ => {}
            }
        }
        if !text.is_empty() {
            out.runs.push(Run {
                text,
                props,
                note: None,
            });
        }
    }

    fn blocks(&mut self, n: &Node, out: &mut Vec<Block>) {
        for c in &n.children {
            match c.name.as_str() {
                "w:p" => out.push(Block::Para(self.para(c))),
                "w:tbl" => {
                    let mut rows = Vec::new();
                    for tr in c.descendants_direct("w:tr") {
                        let mut cells = Vec::new();
                        for tc in tr.descendants_direct("w:tc") {
                            if let Some(pr) = tc.child("w:tcPr") {
                                let span = pr
                                    .child_val("w:gridSpan")
                                    .and_then(|v| v.parse::<u32>().ok())
                                    .unwrap_or(1);
                                if span > 1 || pr.child("w:vMerge").is_some() {
                                    self.merged += 1;
                                }
                            }
                            let mut paras = Vec::new();
                            self.cell(tc, &mut paras);
                            cells.push(paras);
                        }
                        rows.push(cells);
                    }
                    out.push(Block::Table(rows));
                }
                "w:sectPr" => {}
                "w:del" | "w:moveFrom" => self.tracked += 1,
                "w:altChunk" => self.alt_chunks += 1,
                _ => self.blocks(c, out),
            }
        }
    }

    fn cell(&mut self, n: &Node, out: &mut Vec<Para>) {
        for c in &n.children {
            match c.name.as_str() {
                "w:p" => out.push(self.para(c)),
                "w:tcPr" => {}
                _ => self.cell(c, out),
            }
        }
    }
}

impl Node {
    /// Children named `name`, looking through wrappers that are not tables (`w:sdt`,
    /// `w:customXml`, tracked insertions) but not into nested tables.
    fn descendants_direct<'a>(&'a self, name: &str) -> Vec<&'a Node> {
        let mut out = Vec::new();
        for c in &self.children {
            if c.name == name {
                out.push(c);
            } else if !matches!(c.name.as_str(), "w:tbl" | "w:p" | "w:del") {
                out.extend(c.descendants_direct(name));
            }
        }
        out
    }
}

fn is_page_field(instr: &str) -> bool {
    instr.split_whitespace().next() == Some("PAGE")
}

/// A DrawingML line or connector, or a VML line (H38: a rule drawn as a shape).
fn has_line_shape(n: &Node) -> bool {
    if n.name == "v:line" {
        return true;
    }
    if n.name == "a:prstGeom"
        && n.attr("prst")
            .is_some_and(|p| p == "line" || p.starts_with("straightConnector"))
    {
        return true;
    }
    if n.name == "v:shape" && n.attr("o:connectortype").is_some() {
        return true;
    }
    n.children.iter().any(has_line_shape)
}

fn rels(pkg: &Package) -> Result<BTreeMap<String, String>, ReadError> {
    let mut out = BTreeMap::new();
    if let Some(r) = pkg.xml("word/_rels/document.xml.rels")? {
        for rel in r.descendants("Relationship") {
            if let (Some(id), Some(t)) = (rel.attr("Id"), rel.attr("Target")) {
                let t = t.trim_start_matches('/');
                let path = if t.starts_with("word/") {
                    t.to_string()
                } else {
                    format!("word/{t}")
                };
                out.insert(id.to_string(), path);
            }
        }
    }
    Ok(out)
}

/// Read a .docx package.
pub(crate) fn read(bytes: &[u8]) -> Result<Doc, ReadError> {
    let pkg = Package::open(bytes)?;
    let theme = Theme::read(pkg.xml("word/theme/theme1.xml")?);
    let styles = Styles::read(pkg.xml("word/styles.xml")?, &theme);
    let numbering = Numbering::read(pkg.xml("word/numbering.xml")?);
    let mut ctx = Ctx {
        styles,
        numbering,
        theme,
        tracked: 0,
        comments: 0,
        merged: 0,
        alt_chunks: 0,
        symbols: Vec::new(),
        open_marks: Vec::new(),
        note_marks: BTreeMap::new(),
    };
    let document = pkg
        .xml("word/document.xml")?
        .ok_or_else(|| ReadError::NotDocx("thiếu word/document.xml".into()))?;
    let body = document
        .child("w:body")
        .ok_or_else(|| ReadError::BadPart("word/document.xml".into()))?;
    let mut blocks = Vec::new();
    ctx.blocks(body, &mut blocks);
    let rels = rels(&pkg)?;
    let mut sections = Vec::new();
    for s in body.descendants("w:sectPr") {
        let mut sec = Section {
            title_pg: on_off(s.child("w:titlePg")) == Some(true),
            ..Section::default()
        };
        if let Some(p) = s.child("w:pgSz") {
            sec.page = twips(p, "w:w").zip(twips(p, "w:h"));
        }
        if let Some(m) = s.child("w:pgMar") {
            let g = twips(m, "w:gutter").unwrap_or(0);
            if let (Some(t), Some(b), Some(l), Some(r)) = (
                twips(m, "w:top"),
                twips(m, "w:bottom"),
                twips(m, "w:left"),
                twips(m, "w:right"),
            ) {
                sec.margins = Some([t.abs(), b.abs(), l + g, r]);
            }
        }
        for (kind, list) in [
            ("w:headerReference", &mut sec.headers),
            ("w:footerReference", &mut sec.footers),
        ] {
            for h in s.children.iter().filter(|c| c.name == kind) {
                let ty = h.attr("w:type").unwrap_or("default").to_string();
                let Some(part) = h.attr("r:id").and_then(|id| rels.get(id)) else {
                    continue;
                };
                let mut paras = Vec::new();
                if let Some(x) = pkg.xml(part)? {
                    let mut bl = Vec::new();
                    ctx.blocks(&x, &mut bl);
                    for b in bl {
                        match b {
                            Block::Para(p) => paras.push(p),
                            Block::Table(rows) => {
                                paras.extend(rows.into_iter().flatten().flatten())
                            }
                        }
                    }
                }
                list.push((ty, paras));
            }
        }
        sections.push(sec);
    }
    let mut footnotes = BTreeMap::new();
    let mut endnotes = 0;
    for (part, element, mark) in [
        ("word/footnotes.xml", "w:footnote", ""),
        ("word/endnotes.xml", "w:endnote", "e"),
    ] {
        if let Some(x) = pkg.xml(part)? {
            for f in x.children.iter().filter(|c| c.name == element) {
                let (Some(id), None) = (f.attr("w:id"), f.attr("w:type")) else {
                    continue;
                };
                let mut paras = Vec::new();
                ctx.cell(f, &mut paras);
                footnotes.insert(format!("{mark}{id}"), paras);
                endnotes += usize::from(!mark.is_empty());
            }
        }
    }
    Ok(Doc {
        blocks,
        sections,
        tracked_changes: ctx.tracked,
        footnotes,
        endnotes,
        comments: ctx.comments,
        merged_cells: ctx.merged,
        alt_chunks: ctx.alt_chunks,
        symbols: ctx.symbols,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_labels_count_and_restart_per_level() {
        let x = xml::parse(
            br#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
            </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#,
        );
        let mut n = Numbering::read(x);
        let got: Vec<String> = [
            (0, "I."),
            (1, "1."),
            (2, "a)"),
            (2, "b)"),
            (1, "2."),
            (0, "II."),
            (1, "1."),
        ]
        .iter()
        .map(|(l, _)| n.label("1", *l).unwrap())
        .collect();
        assert_eq!(got, ["I.", "1.", "a)", "b)", "2.", "II.", "1."]);
        assert_eq!(roman(14), "XIV");
        assert_eq!(format_number(27, "lowerLetter"), "aa");
    }

    #[test]
    fn a_noteref_simple_field_is_read_as_its_note() {
        let theme = Theme::read(None);
        let mut ctx = Ctx {
            styles: Styles::read(None, &theme),
            numbering: Numbering::read(None),
            theme,
            tracked: 0,
            open_marks: Vec::new(),
            note_marks: BTreeMap::new(),
            comments: 0,
            merged: 0,
            alt_chunks: 0,
            symbols: Vec::new(),
        };
        let para = |ctx: &mut Ctx, inner: &str| {
            let x = format!(r#"<w:p xmlns:w="w">{inner}</w:p>"#);
            ctx.para(&xml::parse(x.as_bytes()).expect("xml"))
        };
        let notes =
            |p: &Para| -> Vec<String> { p.runs.iter().filter_map(|r| r.note.clone()).collect() };
        let first = para(
            &mut ctx,
            r#"<w:bookmarkStart w:id="1" w:name="_Ref1"/><w:r><w:footnoteReference w:id="2"/></w:r><w:bookmarkEnd w:id="1"/>"#,
        );
        // Word's cross-reference saved as a simple field: the note, not its shown number.
        let later = para(
            &mut ctx,
            r#"<w:r><w:t>Kế hoạch</w:t></w:r><w:fldSimple w:instr=" NOTEREF _Ref1 \f \h "><w:r><w:t>1</w:t></w:r></w:fldSimple>"#,
        );
        assert_eq!(notes(&first), ["2"]);
        assert_eq!(notes(&later), ["2"]);
        assert_eq!(later.text, "Kế hoạch");
        // Another simple field keeps its shown result.
        let other = para(
            &mut ctx,
            r#"<w:fldSimple w:instr=" REF _Ref1 \h "><w:r><w:t>Điều 1</w:t></w:r></w:fldSimple>"#,
        );
        assert_eq!(other.text, "Điều 1");
    }
}
