//! The one post-processing pass over docx-rs output: schema order, footnotes, language, theme, properties.
//!
//! docx-rs 0.4.22 writes XML that Word tolerates but the OOXML schema rejects (children out of
//! sequence order, `w:rPr` inside style `w:pPr`, `w:type` on `w:gridCol`), no theme, no footnote
//! separators, no `w:lang`, placeholder core properties, empty noise parts, and (with 10 or more
//! headers or footers) part names that do not match their relationship ids. [`fix`] parses every
//! XML part into a small tree, repairs it, and rebuilds the relationships and content types from
//! the final part list, so the package is always consistent.
//!
//! Validator status (`openxml-audit -m 0 FILE.docx`, every `-f` from office2007 to microsoft365,
//! `--policy strict`): 0 findings on the single-section, multi-section, numbering/merged-cell and
//! eleven-header probes; docx-rs's raw output had 65 / 236 / 38 findings. No finding had to be
//! written off as a validator mistake.

use std::collections::{BTreeMap, BTreeSet};

use quick_xml::encoding::Decoder;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::package::{rels_path_for, resolve_target, source_of_rels, Package, Part, CONTENT_TYPES};

/// Facts the fix-up needs that docx-rs cannot carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PackageMeta {
    /// Document title (`dc:title`).
    pub title: String,
    /// Language tag for `w:lang`, `w:themeFontLang` and `dc:language`, e.g. `vi-VN`.
    pub language: String,
    /// Creator and last-modified-by, e.g. `vanban`.
    pub creator: String,
}

/// Why the fix-up failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum FixError {
    /// A part docx-rs wrote is not well-formed XML.
    #[error("part {part}: malformed XML: {message}")]
    Xml {
        /// The part name.
        part: String,
        /// What the parser reported.
        message: String,
    },
    /// A part the fix-up relies on is missing or has an unexpected root.
    #[error("part {0} is missing or has an unexpected structure")]
    Structure(String),
}

// ---------------------------------------------------------------------------------------------
// Minimal element tree
// ---------------------------------------------------------------------------------------------

/// A node of the tree: an element or character data.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    /// A child element.
    Element(Element),
    /// Character data, unescaped.
    Text(String),
}

/// An element: qualified name as written, attributes in order (values unescaped), children.
#[derive(Debug, Clone, PartialEq)]
struct Element {
    /// Qualified name, prefix as written (`w:pPr`).
    name: String,
    /// Attributes in document order.
    attrs: Vec<(String, String)>,
    /// Child nodes.
    children: Vec<Node>,
}

impl Element {
    /// An element without attributes or children.
    fn new(name: &str) -> Self {
        Element {
            name: name.to_string(),
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    /// Builder: adds an attribute.
    fn with_attr(mut self, key: &str, value: &str) -> Self {
        self.set_attr(key, value);
        self
    }

    /// Builder: appends a child element.
    fn with_child(mut self, child: Element) -> Self {
        self.children.push(Node::Element(child));
        self
    }

    /// Builder: appends a text node.
    fn with_text(mut self, text: &str) -> Self {
        self.children.push(Node::Text(text.to_string()));
        self
    }

    /// Value of an attribute.
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Sets (or replaces in place) an attribute.
    fn set_attr(&mut self, key: &str, value: &str) {
        match self.attrs.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value.to_string(),
            None => self.attrs.push((key.to_string(), value.to_string())),
        }
    }

    /// Child elements.
    fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Mutable child elements.
    fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// First child element called `name`.
    fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// First child element called `name`, mutable.
    fn child_mut(&mut self, name: &str) -> Option<&mut Element> {
        self.elements_mut().find(|e| e.name == name)
    }

    /// First child element called `name`, appended first if missing (always `Some`).
    fn ensure_child(&mut self, name: &str) -> Option<&mut Element> {
        if self.child(name).is_none() {
            self.children.push(Node::Element(Element::new(name)));
        }
        self.child_mut(name)
    }

    /// Replaces the element's content by a single text node.
    fn set_text(&mut self, text: &str) {
        self.children = vec![Node::Text(text.to_string())];
    }

    /// Whether any descendant (or self) is called `name`.
    fn contains(&self, name: &str) -> bool {
        self.name == name || self.elements().any(|e| e.contains(name))
    }

    /// Removes child elements called `name`.
    fn remove_children(&mut self, name: &str) {
        self.children
            .retain(|n| !matches!(n, Node::Element(e) if e.name == name));
    }
}

/// Maps a quick-xml error to [`FixError::Xml`].
fn xml_err(part: &str, message: impl std::fmt::Display) -> FixError {
    FixError::Xml {
        part: part.to_string(),
        message: message.to_string(),
    }
}

/// Reads a start tag into an element without children.
fn start_element(part: &str, e: &BytesStart<'_>, decoder: Decoder) -> Result<Element, FixError> {
    let name = std::str::from_utf8(e.name().as_ref())
        .map_err(|err| xml_err(part, err))?
        .to_string();
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| xml_err(part, err))?;
        let key = std::str::from_utf8(a.key.as_ref())
            .map_err(|err| xml_err(part, err))?
            .to_string();
        let value = a
            .decoded_and_normalized_value(XmlVersion::Implicit1_0, decoder)
            .map_err(|err| xml_err(part, err))?;
        attrs.push((key, value.into_owned()));
    }
    Ok(Element {
        name,
        attrs,
        children: Vec::new(),
    })
}

/// Appends character data to the innermost open element, merging with a preceding text node.
fn push_text(stack: &mut [Element], text: &str) {
    if let Some(top) = stack.last_mut() {
        if let Some(Node::Text(t)) = top.children.last_mut() {
            t.push_str(text);
        } else if !text.is_empty() {
            top.children.push(Node::Text(text.to_string()));
        }
    }
}

/// Parses an XML part into a tree. The declaration, comments and processing instructions are dropped.
fn parse(part: &str, data: &[u8]) -> Result<Element, FixError> {
    let mut reader = Reader::from_reader(data);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let event = reader.read_event().map_err(|e| xml_err(part, e))?;
        let finished = match event {
            Event::Start(ref e) => {
                stack.push(start_element(part, e, reader.decoder())?);
                None
            }
            Event::Empty(ref e) => Some(start_element(part, e, reader.decoder())?),
            Event::End(_) => Some(
                stack
                    .pop()
                    .ok_or_else(|| xml_err(part, "unexpected end tag"))?,
            ),
            Event::Text(ref t) => {
                let s = t
                    .xml_content(XmlVersion::Implicit1_0)
                    .map_err(|e| xml_err(part, e))?;
                push_text(&mut stack, &s);
                None
            }
            Event::CData(ref c) => {
                let s = c.decode().map_err(|e| xml_err(part, e))?;
                push_text(&mut stack, &s);
                None
            }
            Event::GeneralRef(ref r) => {
                let ch = if r.is_char_ref() {
                    r.resolve_char_ref().map_err(|e| xml_err(part, e))?
                } else {
                    match &*r.decode().map_err(|e| xml_err(part, e))? {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    }
                };
                let ch = ch.ok_or_else(|| xml_err(part, "unknown entity reference"))?;
                push_text(&mut stack, ch.encode_utf8(&mut [0u8; 4]));
                None
            }
            Event::DocType(_) => return Err(xml_err(part, "DOCTYPE is not allowed")),
            Event::Eof => break,
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) => None,
        };
        if let Some(el) = finished {
            match stack.last_mut() {
                Some(parent) => parent.children.push(Node::Element(el)),
                None if root.is_none() => root = Some(el),
                None => return Err(xml_err(part, "more than one root element")),
            }
        }
    }
    if let Some(open) = stack.last() {
        return Err(xml_err(part, format!("unclosed element <{}>", open.name)));
    }
    root.ok_or_else(|| xml_err(part, "no root element"))
}

/// Escapes character data: `&`, `<`, `>`; characters XML 1.0 forbids are dropped (the data
/// stage already removed them with a warning; this keeps every part well-formed whatever the source).
fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            c if crate::model::format::is_xml_forbidden(c) => {}
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// Escapes an attribute value (double-quoted): also `"` and whitespace that would be normalised;
/// characters XML 1.0 forbids are dropped.
fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            c if crate::model::format::is_xml_forbidden(c) => {}
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

/// Writes an element and its subtree.
fn write_element(e: &Element, out: &mut String) {
    out.push('<');
    out.push_str(&e.name);
    for (k, v) in &e.attrs {
        out.push(' ');
        out.push_str(k);
        out.push_str("=\"");
        escape_attr(v, out);
        out.push('"');
    }
    if e.children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for child in &e.children {
        match child {
            Node::Element(c) => write_element(c, out),
            Node::Text(t) => escape_text(t, out),
        }
    }
    out.push_str("</");
    out.push_str(&e.name);
    out.push('>');
}

/// Serialises a tree as a UTF-8 XML document with a standalone declaration.
fn serialize(root: &Element) -> Vec<u8> {
    let mut out = String::from(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    out.push('\n');
    write_element(root, &mut out);
    out.into_bytes()
}

// ---------------------------------------------------------------------------------------------
// Schema sequence order (ECMA-376 Part 1, transitional, wml.xsd / shared schemas)
// ---------------------------------------------------------------------------------------------

/// CT_PPr (paragraph properties) sequence; `rPr`, `sectPr` and `pPrChange` only in a paragraph.
const PPR: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
];
/// CT_ParaRPr / CT_RPr (run properties) sequence.
const RPR: &[&str] = &[
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
];
/// CT_SectPr sequence (header and footer references share the first slot).
const SECTPR: &[&str] = &[
    "headerReference footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
];
/// CT_TblPr sequence.
const TBLPR: &[&str] = &[
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
    "tblPrChange",
];
/// CT_TcPr sequence.
const TCPR: &[&str] = &[
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
    "headers",
    "cellIns",
    "cellDel",
    "cellMerge",
    "tcPrChange",
];
/// CT_TblBorders / CT_TcBorders sequence.
const BORDERS: &[&str] = &[
    "top",
    "left start",
    "bottom",
    "right end",
    "insideH",
    "insideV",
    "tl2br",
    "tr2bl",
];
/// CT_PBdr sequence.
const PBDR: &[&str] = &["top", "left", "bottom", "right", "between", "bar"];
/// CT_TblCellMar / CT_TcMar sequence.
const CELLMAR: &[&str] = &["top", "left start", "bottom", "right end"];
/// CT_Style sequence.
const STYLE: &[&str] = &[
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
];
/// CT_TblStylePr sequence.
const TBLSTYLEPR: &[&str] = &["pPr", "rPr", "tblPr", "trPr", "tcPr"];
/// CT_Styles sequence.
const STYLES: &[&str] = &["docDefaults", "latentStyles", "style"];
/// CT_DocDefaults sequence.
const DOCDEFAULTS: &[&str] = &["rPrDefault", "pPrDefault"];
/// CT_Tbl: properties and grid before the rows.
const TBL: &[&str] = &["tblPr", "tblGrid"];
/// CT_Row: exceptions and row properties before the cells.
const TR: &[&str] = &["tblPrEx", "trPr"];
/// CT_Tc: cell properties first.
const TC: &[&str] = &["tcPr"];
/// CT_P: paragraph properties first.
const P: &[&str] = &["pPr"];
/// CT_R: run properties first.
const R: &[&str] = &["rPr"];
/// CT_NumPr sequence.
const NUMPR: &[&str] = &["ilvl", "numId", "numberingChange", "ins"];
/// CT_Lvl sequence.
const LVL: &[&str] = &[
    "start",
    "numFmt",
    "lvlRestart",
    "pStyle",
    "isLgl",
    "suff",
    "lvlText",
    "lvlPicBulletId",
    "legacy",
    "lvlJc",
    "pPr",
    "rPr",
];
/// CT_AbstractNum sequence.
const ABSTRACTNUM: &[&str] = &[
    "nsid",
    "multiLevelType",
    "tmpl",
    "name",
    "styleLink",
    "numStyleLink",
    "lvl",
];
/// CT_Numbering sequence.
const NUMBERING: &[&str] = &["numPicBullet", "abstractNum", "num", "numIdMacAtCleanup"];
/// CT_Num sequence.
const NUM: &[&str] = &["abstractNumId", "lvlOverride"];
/// CT_FtnDocProps / CT_FtnProps sequence.
const FOOTNOTEPR: &[&str] = &["pos", "numFmt", "numStart", "numRestart", "footnote"];
/// CT_Font (font table) sequence.
const FONT: &[&str] = &[
    "altName",
    "panose1",
    "charset",
    "family",
    "notTrueType",
    "pitch",
    "sig",
    "embedRegular",
    "embedBold",
    "embedItalic",
    "embedBoldItalic",
];
/// CT_Settings sequence.
const SETTINGS: &[&str] = &[
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
    "trackRevisions",
    "doNotTrackMoves",
    "doNotTrackFormatting",
    "documentProtection",
    "autoFormatOverride",
    "styleLockTheme",
    "styleLockQFSet",
    "defaultTabStop",
    "autoHyphenation",
    "consecutiveHyphenLimit",
    "hyphenationZone",
    "doNotHyphenateCaps",
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
    "updateFields",
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "m:mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "sl:schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
];
/// CT_Compat sequence.
const COMPAT: &[&str] = &[
    "useSingleBorderforContiguousCells",
    "wpJustification",
    "noTabHangInd",
    "noLeading",
    "spaceForUL",
    "noColumnBalance",
    "balanceSingleByteDoubleByteWidth",
    "noExtraLineSpacing",
    "doNotLeaveBackslashAlone",
    "ulTrailSpace",
    "doNotExpandShiftReturn",
    "spacingInWholePoints",
    "lineWrapLikeWord6",
    "printBodyTextBeforeHeader",
    "printColBlack",
    "wpSpaceWidth",
    "showBreaksInFrames",
    "subFontBySize",
    "suppressBottomSpacing",
    "suppressTopSpacing",
    "suppressSpacingAtTopOfPage",
    "suppressTopSpacingWP",
    "suppressSpBfAfterPgBrk",
    "swapBordersFacingPages",
    "convMailMergeEsc",
    "truncateFontHeightsLikeWP6",
    "mwSmallCaps",
    "usePrinterMetrics",
    "doNotSuppressParagraphBorders",
    "wrapTrailSpaces",
    "footnoteLayoutLikeWW8",
    "shapeLayoutLikeWW8",
    "alignTablesRowByRow",
    "forgetLastTabAlignment",
    "adjustLineHeightInTable",
    "autoSpaceLikeWord95",
    "noSpaceRaiseLower",
    "doNotUseHTMLParagraphAutoSpacing",
    "layoutRawTableWidth",
    "layoutTableRowsApart",
    "useWord97LineBreakRules",
    "doNotBreakWrappedTables",
    "doNotSnapToGridInCell",
    "selectFldWithFirstOrLastChar",
    "applyBreakingRules",
    "doNotWrapTextWithPunct",
    "doNotUseEastAsianBreakRules",
    "useWord2002TableStyleRules",
    "growAutofit",
    "useFELayout",
    "useNormalStyleForList",
    "doNotUseIndentAsNumberingTabStop",
    "useAltKinsokuLineBreakRules",
    "allowSpaceOfSameStyleInTable",
    "doNotSuppressIndentation",
    "doNotAutofitConstrainedTables",
    "autofitToFirstFixedWidthCell",
    "underlineTabInNumList",
    "displayHangulFixedWidth",
    "splitPgBreakAndParaMark",
    "doNotVertAlignCellWithSp",
    "doNotBreakConstrainedForcedTable",
    "doNotVertAlignInTxbx",
    "useAnsiKerningPairs",
    "cachedColBalance",
    "compatSetting",
];
/// Core properties: a readable order (the schema is an `xsd:all`, any order is valid).
const CORE: &[&str] = &[
    "dc:title",
    "dc:subject",
    "dc:creator",
    "cp:keywords",
    "dc:description",
    "cp:lastModifiedBy",
    "cp:revision",
    "dcterms:created",
    "dcterms:modified",
    "dc:language",
];

/// The child sequence of an element type, by its qualified name.
fn sequence_for(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "w:pPr" => PPR,
        "w:rPr" => RPR,
        "w:sectPr" => SECTPR,
        "w:tblPr" => TBLPR,
        "w:tcPr" => TCPR,
        "w:tblBorders" | "w:tcBorders" => BORDERS,
        "w:pBdr" => PBDR,
        "w:tblCellMar" | "w:tcMar" => CELLMAR,
        "w:style" => STYLE,
        "w:tblStylePr" => TBLSTYLEPR,
        "w:styles" => STYLES,
        "w:docDefaults" => DOCDEFAULTS,
        "w:tbl" => TBL,
        "w:tr" => TR,
        "w:tc" => TC,
        "w:p" => P,
        "w:r" => R,
        "w:numPr" => NUMPR,
        "w:lvl" => LVL,
        "w:abstractNum" => ABSTRACTNUM,
        "w:numbering" => NUMBERING,
        "w:num" => NUM,
        "w:footnotePr" => FOOTNOTEPR,
        "w:font" => FONT,
        "w:settings" => SETTINGS,
        "w:compat" => COMPAT,
        "cp:coreProperties" => CORE,
        _ => return None,
    })
}

/// Position of `name` in a sequence; entries list alternatives separated by spaces, and entries
/// without a prefix mean the `w:` namespace. Unknown names rank after every known one.
fn rank(seq: &[&str], name: &str) -> usize {
    let local_w = name.strip_prefix("w:");
    seq.iter()
        .position(|entry| {
            entry.split(' ').any(|alt| {
                if alt.contains(':') {
                    alt == name
                } else {
                    local_w == Some(alt)
                }
            })
        })
        .unwrap_or(seq.len())
}

/// Rank lookups are the hot path of the fix-up (tens of thousands of children per document):
/// remember each (sequence, child name) → rank. Lookups only; nothing iterates this map.
#[allow(clippy::disallowed_types)]
fn cached_rank(seq: &'static [&'static str], name: &str) -> usize {
    use std::cell::RefCell;
    use std::collections::HashMap as LookupMap;
    thread_local! {
        static CACHE: RefCell<LookupMap<(usize, String), usize>> = RefCell::new(LookupMap::new());
    }
    let key = (seq.as_ptr() as usize, name.to_string());
    CACHE.with(|c| {
        if let Some(&r) = c.borrow().get(&key) {
            return r;
        }
        let r = rank(seq, name);
        c.borrow_mut().insert(key, r);
        r
    })
}

/// Stable-sorts an element's children into its schema sequence (text nodes keep their rank last).
fn reorder(e: &mut Element) {
    if let Some(seq) = sequence_for(&e.name) {
        e.children.sort_by_cached_key(|n| match n {
            Node::Element(c) => cached_rank(seq, &c.name),
            Node::Text(_) => seq.len() + 1,
        });
    }
}

/// Schema repairs applied to every WordprocessingML element, depth first.
fn fix_wml(e: &mut Element, parent: Option<&str>) {
    match e.name.as_str() {
        // ST_TwipsMeasure only: CT_TblGridCol has no w:type.
        "w:gridCol" => e.attrs.retain(|(k, _)| k != "w:type"),
        // Outside a paragraph, pPr is CT_PPrGeneral / CT_PPrBase: no rPr (paragraph mark) or sectPr.
        "w:pPr" if parent != Some("w:p") => {
            e.remove_children("w:rPr");
            e.remove_children("w:sectPr");
        }
        "w:tbl" => mark_header_rows(e),
        _ => {}
    }
    let name = e.name.clone();
    for child in e.elements_mut() {
        fix_wml(child, Some(&name));
    }
    reorder(e);
}

/// In a `BangSoLieu` table: the first row repeats as a header row, no row splits across pages.
fn mark_header_rows(tbl: &mut Element) {
    let styled = tbl
        .child("w:tblPr")
        .and_then(|p| p.child("w:tblStyle"))
        .and_then(|s| s.attr("w:val"))
        == Some("BangSoLieu");
    if !styled {
        return;
    }
    for (i, row) in tbl.elements_mut().filter(|c| c.name == "w:tr").enumerate() {
        if row.child("w:trPr").is_none() {
            let at = usize::from(matches!(
                row.children.first(),
                Some(Node::Element(c)) if c.name == "w:tblPrEx"
            ));
            row.children
                .insert(at, Node::Element(Element::new("w:trPr")));
        }
        if let Some(tr_pr) = row.child_mut("w:trPr") {
            if tr_pr.child("w:cantSplit").is_none() {
                tr_pr
                    .children
                    .push(Node::Element(Element::new("w:cantSplit")));
            }
            if i == 0 && tr_pr.child("w:tblHeader").is_none() {
                tr_pr
                    .children
                    .push(Node::Element(Element::new("w:tblHeader")));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Part-specific fixes
// ---------------------------------------------------------------------------------------------

/// WordprocessingML main namespace.
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A footnote separator entry (`separator` / `continuationSeparator`) with its id.
fn separator_note(kind: &str, id: &str) -> Element {
    Element::new("w:footnote")
        .with_attr("w:type", kind)
        .with_attr("w:id", id)
        .with_child(
            Element::new("w:p")
                .with_child(
                    Element::new("w:pPr").with_child(
                        Element::new("w:spacing")
                            .with_attr("w:after", "0")
                            .with_attr("w:line", "240")
                            .with_attr("w:lineRule", "auto"),
                    ),
                )
                .with_child(Element::new("w:r").with_child(Element::new(&format!("w:{kind}")))),
        )
}

/// Adds the separator notes (ids -1 and 0) and the `w:footnoteRef` mark at the start of each note.
fn fix_footnotes(root: &mut Element) {
    let has = |root: &Element, kind: &str| {
        root.elements()
            .any(|n| n.name == "w:footnote" && n.attr("w:type") == Some(kind))
    };
    if !has(root, "continuationSeparator") {
        root.children.insert(
            0,
            Node::Element(separator_note("continuationSeparator", "0")),
        );
    }
    if !has(root, "separator") {
        root.children
            .insert(0, Node::Element(separator_note("separator", "-1")));
    }
    for note in root.elements_mut() {
        if note.name != "w:footnote" || note.attr("w:type").is_some_and(|t| t != "normal") {
            continue;
        }
        if note.child("w:p").is_none() {
            note.children.push(Node::Element(Element::new("w:p")));
        }
        let Some(p) = note.child_mut("w:p") else {
            continue;
        };
        if p.contains("w:footnoteRef") {
            continue;
        }
        let at = usize::from(matches!(
            p.children.first(),
            Some(Node::Element(c)) if c.name == "w:pPr"
        ));
        // Both runs name Times New Roman on all four font slots, like every other run (H13).
        let fonts = || {
            Element::new("w:rFonts")
                .with_attr("w:ascii", super::profile::FONT)
                .with_attr("w:hAnsi", super::profile::FONT)
                .with_attr("w:eastAsia", super::profile::FONT)
                .with_attr("w:cs", super::profile::FONT)
        };
        let mark = Element::new("w:r")
            .with_child(
                Element::new("w:rPr")
                    .with_child(Element::new("w:rStyle").with_attr("w:val", "FootnoteReference"))
                    .with_child(fonts()),
            )
            .with_child(Element::new("w:footnoteRef"));
        let space = Element::new("w:r")
            .with_child(Element::new("w:rPr").with_child(fonts()))
            .with_child(
                Element::new("w:t")
                    .with_attr("xml:space", "preserve")
                    .with_text(" "),
            );
        p.children.insert(at, Node::Element(space));
        p.children.insert(at, Node::Element(mark));
    }
}

/// Adds `w:footnotePr` (pointing at the separators) and `w:themeFontLang` to the settings.
fn fix_settings(root: &mut Element, language: &str) {
    let Some(pr) = root.ensure_child("w:footnotePr") else {
        return;
    };
    for id in ["-1", "0"] {
        let present = pr
            .elements()
            .any(|f| f.name == "w:footnote" && f.attr("w:id") == Some(id));
        if !present {
            pr.children.push(Node::Element(
                Element::new("w:footnote").with_attr("w:id", id),
            ));
        }
    }
    if let Some(lang) = root.ensure_child("w:themeFontLang") {
        lang.set_attr("w:val", language);
    }
}

/// Sets `w:lang` in the document defaults and makes sure the footnote styles exist.
fn fix_styles(root: &mut Element, language: &str) {
    let lang = root
        .ensure_child("w:docDefaults")
        .and_then(|d| d.ensure_child("w:rPrDefault"))
        .and_then(|d| d.ensure_child("w:rPr"))
        .and_then(|r| r.ensure_child("w:lang"));
    if let Some(lang) = lang {
        lang.set_attr("w:val", language);
        lang.set_attr("w:eastAsia", language);
        lang.set_attr("w:bidi", "ar-SA");
    }

    let defined = |root: &Element, id: &str| {
        root.elements()
            .any(|s| s.name == "w:style" && s.attr("w:styleId") == Some(id))
    };
    if !defined(root, "FootnoteReference") {
        root.children.push(Node::Element(
            Element::new("w:style")
                .with_attr("w:type", "character")
                .with_attr("w:styleId", "FootnoteReference")
                .with_child(Element::new("w:name").with_attr("w:val", "footnote reference"))
                .with_child(
                    Element::new("w:rPr")
                        .with_child(Element::new("w:vertAlign").with_attr("w:val", "superscript")),
                ),
        ));
    }
    if !defined(root, "FootnoteText") {
        root.children.push(Node::Element(
            Element::new("w:style")
                .with_attr("w:type", "paragraph")
                .with_attr("w:styleId", "FootnoteText")
                .with_child(Element::new("w:name").with_attr("w:val", "footnote text"))
                .with_child(
                    Element::new("w:rPr")
                        .with_child(Element::new("w:sz").with_attr("w:val", "20"))
                        .with_child(Element::new("w:szCs").with_attr("w:val", "20")),
                ),
        ));
    }
}

/// Sets title, creator, last-modified-by and language; keeps docx-rs's fixed dates.
fn fix_core(root: &mut Element, meta: &PackageMeta) {
    for (name, value) in [
        ("dc:title", &meta.title),
        ("dc:creator", &meta.creator),
        ("cp:lastModifiedBy", &meta.creator),
        ("dc:language", &meta.language),
    ] {
        if let Some(e) = root.ensure_child(name) {
            e.set_text(value);
        }
    }
    reorder(root);
}

/// Sets the application name in the extended properties.
fn fix_app(root: &mut Element, creator: &str) {
    if let Some(app) = root.ensure_child("Application") {
        app.set_text(creator);
    }
}

/// Whether a docx-rs part is empty noise that should not be shipped.
fn is_noise(path: &str, root: &Element) -> bool {
    match path {
        "word/comments.xml" => root.child("w:comment").is_none(),
        "word/commentsExtended.xml" => root.elements().next().is_none(),
        "word/numbering.xml" => root.child("w:num").is_none(),
        "docProps/custom.xml" => root.elements().next().is_none(),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Theme, relationships, content types
// ---------------------------------------------------------------------------------------------

/// Path of the theme part this pass adds.
const THEME_PATH: &str = "word/theme/theme1.xml";

/// A complete minimal DrawingML theme; major and minor Latin fonts are Times New Roman.
const THEME_XML: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Vanban">"#,
    r#"<a:themeElements>"#,
    r#"<a:clrScheme name="Office">"#,
    r#"<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>"#,
    r#"<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>"#,
    r#"<a:dk2><a:srgbClr val="44546A"/></a:dk2>"#,
    r#"<a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>"#,
    r#"<a:accent1><a:srgbClr val="4472C4"/></a:accent1>"#,
    r#"<a:accent2><a:srgbClr val="ED7D31"/></a:accent2>"#,
    r#"<a:accent3><a:srgbClr val="A5A5A5"/></a:accent3>"#,
    r#"<a:accent4><a:srgbClr val="FFC000"/></a:accent4>"#,
    r#"<a:accent5><a:srgbClr val="5B9BD5"/></a:accent5>"#,
    r#"<a:accent6><a:srgbClr val="70AD47"/></a:accent6>"#,
    r#"<a:hlink><a:srgbClr val="0563C1"/></a:hlink>"#,
    r#"<a:folHlink><a:srgbClr val="954F72"/></a:folHlink>"#,
    r#"</a:clrScheme>"#,
    r#"<a:fontScheme name="Vanban">"#,
    r#"<a:majorFont><a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface="Times New Roman"/></a:majorFont>"#,
    r#"<a:minorFont><a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface="Times New Roman"/></a:minorFont>"#,
    r#"</a:fontScheme>"#,
    r#"<a:fmtScheme name="Office">"#,
    r#"<a:fillStyleLst>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"</a:fillStyleLst>"#,
    r#"<a:lnStyleLst>"#,
    r#"<a:ln w="6350" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>"#,
    r#"<a:ln w="12700" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>"#,
    r#"<a:ln w="19050" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>"#,
    r#"</a:lnStyleLst>"#,
    r#"<a:effectStyleLst>"#,
    r#"<a:effectStyle><a:effectLst/></a:effectStyle>"#,
    r#"<a:effectStyle><a:effectLst/></a:effectStyle>"#,
    r#"<a:effectStyle><a:effectLst/></a:effectStyle>"#,
    r#"</a:effectStyleLst>"#,
    r#"<a:bgFillStyleLst>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"</a:bgFillStyleLst>"#,
    r#"</a:fmtScheme>"#,
    r#"</a:themeElements>"#,
    r#"<a:objectDefaults/><a:extraClrSchemeLst/>"#,
    r#"</a:theme>"#
);

/// Office document relationship types share this prefix.
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
/// Package relationship namespace (root element of `.rels` parts).
const RELS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
/// Relationships content type.
const RELS_CT: &str = "application/vnd.openxmlformats-package.relationships+xml";
/// WordprocessingML content-type prefix.
const WML_CT: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

/// Content type implied by a relationship type, if it has one of its own.
fn content_type_for_rel(rel_type: &str) -> Option<String> {
    if rel_type
        == "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
    {
        return Some("application/vnd.openxmlformats-package.core-properties+xml".into());
    }
    if rel_type == "http://schemas.microsoft.com/office/2011/relationships/commentsExtended" {
        return Some(format!("{WML_CT}commentsExtended+xml"));
    }
    let kind = rel_type.strip_prefix(REL)?;
    Some(match kind {
        "officeDocument" => format!("{WML_CT}document.main+xml"),
        "styles" | "settings" | "fontTable" | "numbering" | "footnotes" | "endnotes"
        | "comments" | "header" | "footer" | "webSettings" => format!("{WML_CT}{kind}+xml"),
        "theme" => "application/vnd.openxmlformats-officedocument.theme+xml".into(),
        "extended-properties" => {
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".into()
        }
        "custom-properties" => {
            "application/vnd.openxmlformats-officedocument.custom-properties+xml".into()
        }
        "customXmlProps" => {
            "application/vnd.openxmlformats-officedocument.customXmlProperties+xml".into()
        }
        _ => return None,
    })
}

/// Default content type by extension for binary parts.
fn default_content_type(ext: &str) -> Option<&'static str> {
    Some(match ext {
        "rels" => RELS_CT,
        "xml" => "application/xml",
        "png" => "image/png",
        "jpeg" | "jpg" => "image/jpeg",
        "gif" => "image/gif",
        "bmp" => "image/bmp",
        "tif" | "tiff" => "image/tiff",
        "emf" => "image/x-emf",
        "wmf" => "image/x-wmf",
        "svg" => "image/svg+xml",
        _ => return None,
    })
}

/// Lower-case extension of a part name.
fn extension(path: &str) -> String {
    path.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Builds `[Content_Types].xml` for the final part list. `rel_types` maps part → relationship type
/// that targets it; `previous` holds docx-rs's overrides as a fallback for unknown types.
fn content_types(
    paths: &[String],
    rel_types: &BTreeMap<String, String>,
    previous: &BTreeMap<String, String>,
) -> Element {
    let mut defaults: BTreeSet<&'static str> = BTreeSet::new();
    defaults.insert("rels");
    defaults.insert("xml");
    let mut overrides: Vec<(String, String)> = Vec::new();
    for path in paths {
        if path == CONTENT_TYPES {
            continue;
        }
        let ext = extension(path);
        let implied = rel_types
            .get(path)
            .and_then(|t| content_type_for_rel(t))
            .or_else(|| previous.get(path).cloned());
        let by_ext = default_content_type(&ext);
        match (implied, by_ext) {
            (Some(ct), Some(d)) if ct == d => {}
            (Some(ct), _) => overrides.push((format!("/{path}"), ct)),
            (None, Some(_)) => {}
            (None, None) => overrides.push((format!("/{path}"), "application/octet-stream".into())),
        }
        if let Some(known) = [
            "rels", "xml", "png", "jpeg", "jpg", "gif", "bmp", "tif", "tiff", "emf", "wmf", "svg",
        ]
        .iter()
        .find(|k| **k == ext)
        {
            defaults.insert(known);
        }
    }
    let mut root = Element::new("Types").with_attr(
        "xmlns",
        "http://schemas.openxmlformats.org/package/2006/content-types",
    );
    for ext in defaults {
        if let Some(ct) = default_content_type(ext) {
            root = root.with_child(
                Element::new("Default")
                    .with_attr("Extension", ext)
                    .with_attr("ContentType", ct),
            );
        }
    }
    for (name, ct) in overrides {
        root = root.with_child(
            Element::new("Override")
                .with_attr("PartName", &name)
                .with_attr("ContentType", &ct),
        );
    }
    root
}

/// Adds a relationship of `rel_type` to `target` unless one with that type already exists.
fn ensure_rel(rels: &mut Element, rel_type: &str, target: &str, preferred_id: &str) {
    let exists = rels.elements().any(|r| r.attr("Type") == Some(rel_type));
    if exists {
        return;
    }
    let mut id = preferred_id.to_string();
    let mut n = 1;
    while rels.elements().any(|r| r.attr("Id") == Some(id.as_str())) {
        n += 1;
        id = format!("{preferred_id}_{n}");
    }
    rels.children.push(Node::Element(
        Element::new("Relationship")
            .with_attr("Id", &id)
            .with_attr("Type", rel_type)
            .with_attr("Target", target),
    ));
}

/// Fixed rank of a part in the written package (then by name).
fn part_rank(path: &str) -> usize {
    const ORDER: &[&str] = &[
        CONTENT_TYPES,
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "docProps/custom.xml",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        THEME_PATH,
        "word/numbering.xml",
        "word/footnotes.xml",
    ];
    ORDER.iter().position(|p| *p == path).unwrap_or(ORDER.len())
}

/// The numbers `1..=n` in the order their decimal strings sort (`1, 10, 11, 2, …`).
fn string_order(n: usize) -> Vec<usize> {
    let mut v: Vec<(String, usize)> = (1..=n).map(|k| (k.to_string(), k)).collect();
    v.sort();
    v.into_iter().map(|(_, k)| k).collect()
}

/// The raw parts docx-rs produced, under the names its relationships expect.
fn raw_parts(xml: docx_rs::XMLDocx) -> Vec<(String, Vec<u8>)> {
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        (CONTENT_TYPES.into(), xml.content_type),
        ("_rels/.rels".into(), xml.rels),
        ("docProps/app.xml".into(), xml.doc_props.app),
        ("docProps/core.xml".into(), xml.doc_props.core),
        ("docProps/custom.xml".into(), xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), xml.document_rels),
        ("word/document.xml".into(), xml.document),
        ("word/styles.xml".into(), xml.styles),
        ("word/settings.xml".into(), xml.settings),
        ("word/fontTable.xml".into(), xml.font_table),
        ("word/comments.xml".into(), xml.comments),
        ("word/numbering.xml".into(), xml.numberings),
        ("word/commentsExtended.xml".into(), xml.comments_extended),
        ("word/footnotes.xml".into(), xml.footnotes),
    ];
    // docx-rs sorts headers by rId *string* ("rIdHeader10" < "rIdHeader2") and names the files by
    // that position, while document.xml.rels maps rIdHeaderK → headerK.xml; undo the shuffle.
    let header_numbers = string_order(xml.headers.len());
    let mut header_rels = xml.header_rels.into_iter();
    for (h, k) in xml.headers.into_iter().zip(header_numbers) {
        parts.push((format!("word/header{k}.xml"), h));
        if let Some(r) = header_rels.next() {
            parts.push((format!("word/_rels/header{k}.xml.rels"), r));
        }
    }
    let footer_numbers = string_order(xml.footers.len());
    let mut footer_rels = xml.footer_rels.into_iter();
    for (f, k) in xml.footers.into_iter().zip(footer_numbers) {
        parts.push((format!("word/footer{k}.xml"), f));
        if let Some(r) = footer_rels.next() {
            parts.push((format!("word/_rels/footer{k}.xml.rels"), r));
        }
    }
    for (name, data) in xml.media {
        parts.push((format!("word/media/{name}.png"), data));
    }
    if let Some(t) = xml.taskpanes {
        parts.push(("word/webextensions/taskpanes.xml".into(), t));
        parts.push((
            "word/webextensions/_rels/taskpanes.xml.rels".into(),
            xml.taskpanes_rels,
        ));
        for (i, ext) in xml.web_extensions.into_iter().enumerate() {
            parts.push((format!("word/webextensions/webextension{}.xml", i + 1), ext));
        }
    }
    let mut item_rels = xml.custom_item_rels.into_iter();
    let mut item_props = xml.custom_item_props.into_iter();
    for (i, item) in xml.custom_items.into_iter().enumerate() {
        let n = i + 1;
        if let Some(r) = item_rels.next() {
            parts.push((format!("customXml/_rels/item{n}.xml.rels"), r));
        }
        parts.push((format!("customXml/item{n}.xml"), item));
        if let Some(p) = item_props.next() {
            parts.push((format!("customXml/itemProps{n}.xml"), p));
        }
    }
    parts
}

/// A part during the fix-up: parsed XML or opaque bytes.
enum Content {
    /// A parsed XML part.
    Xml(Element),
    /// A binary part (images).
    Bytes(Vec<u8>),
}

/// Fixes docx-rs's parts and returns the complete package, parts in a fixed order.
pub(crate) fn fix(xml: docx_rs::XMLDocx, meta: &PackageMeta) -> Result<Package, FixError> {
    // 1. Parse every XML part; keep docx-rs's content-type overrides only as a fallback.
    let mut parts: Vec<(String, Content)> = Vec::new();
    let mut previous_ct: BTreeMap<String, String> = BTreeMap::new();
    for (path, data) in raw_parts(xml) {
        let ext = extension(&path);
        if ext != "xml" && ext != "rels" {
            parts.push((path, Content::Bytes(data)));
            continue;
        }
        if data.iter().all(u8::is_ascii_whitespace) {
            // docx-rs leaves some optional parts empty; footnotes.xml is always kept.
            if path == "word/footnotes.xml" {
                let root = Element::new("w:footnotes").with_attr("xmlns:w", W_NS);
                parts.push((path, Content::Xml(root)));
            }
            continue;
        }
        let root = parse(&path, &data)?;
        if path == CONTENT_TYPES {
            for o in root.elements().filter(|e| e.name == "Override") {
                if let (Some(n), Some(ct)) = (o.attr("PartName"), o.attr("ContentType")) {
                    previous_ct.insert(n.trim_start_matches('/').to_string(), ct.to_string());
                }
            }
            continue;
        }
        if is_noise(&path, &root) {
            continue;
        }
        parts.push((path, Content::Xml(root)));
    }

    // 2. Per-part repairs.
    for (path, content) in &mut parts {
        let Content::Xml(root) = content else {
            continue;
        };
        match path.as_str() {
            "docProps/core.xml" => fix_core(root, meta),
            "docProps/app.xml" => fix_app(root, &meta.creator),
            "word/footnotes.xml" => fix_footnotes(root),
            "word/settings.xml" => fix_settings(root, &meta.language),
            "word/styles.xml" => fix_styles(root, &meta.language),
            _ => {}
        }
        if root.name.starts_with("w:") {
            fix_wml(root, None);
        }
    }

    // 3. Theme part and the relationships docx-rs does not write.
    parts.push((
        THEME_PATH.into(),
        Content::Xml(parse(THEME_PATH, THEME_XML.as_bytes())?),
    ));
    let doc_rels_path = rels_path_for("word/document.xml");
    if !parts.iter().any(|(p, _)| *p == doc_rels_path) {
        parts.push((
            doc_rels_path.clone(),
            Content::Xml(Element::new("Relationships").with_attr("xmlns", RELS_NS)),
        ));
    }
    for (path, content) in &mut parts {
        if *path != doc_rels_path {
            continue;
        }
        if let Content::Xml(rels) = content {
            ensure_rel(
                rels,
                &format!("{REL}theme"),
                "theme/theme1.xml",
                "rIdTheme1",
            );
            ensure_rel(
                rels,
                &format!("{REL}footnotes"),
                "footnotes.xml",
                "rIdFootnotes1",
            );
        }
    }

    // 4. Keep only parts reachable from the package relationships; drop relationships to parts
    //    that are gone and relationship parts that end up empty.
    let existing: BTreeSet<String> = parts.iter().map(|(p, _)| p.clone()).collect();
    if !existing.contains("_rels/.rels") || !existing.contains("word/document.xml") {
        return Err(FixError::Structure(
            "_rels/.rels or word/document.xml".into(),
        ));
    }
    for (path, content) in &mut parts {
        let (Some(source), Content::Xml(rels)) = (source_of_rels(path), content) else {
            continue;
        };
        rels.children.retain(|n| match n {
            Node::Element(r) if r.name == "Relationship" => {
                r.attr("TargetMode") == Some("External")
                    || r.attr("Target")
                        .and_then(|t| resolve_target(&source, t))
                        .is_some_and(|t| existing.contains(&t))
            }
            _ => true,
        });
    }
    let mut rel_types: BTreeMap<String, String> = BTreeMap::new();
    let mut reached: BTreeSet<String> = BTreeSet::new();
    let mut queue = vec![String::new()];
    while let Some(source) = queue.pop() {
        let rels_path = if source.is_empty() {
            "_rels/.rels".to_string()
        } else {
            rels_path_for(&source)
        };
        let Some((_, Content::Xml(rels))) = parts.iter().find(|(p, _)| *p == rels_path) else {
            continue;
        };
        for r in rels.elements().filter(|r| r.name == "Relationship") {
            if r.attr("TargetMode") == Some("External") {
                continue;
            }
            let Some(target) = r.attr("Target").and_then(|t| resolve_target(&source, t)) else {
                continue;
            };
            if let Some(t) = r.attr("Type") {
                rel_types
                    .entry(target.clone())
                    .or_insert_with(|| t.to_string());
            }
            if reached.insert(target.clone()) {
                queue.push(target);
            }
        }
    }
    parts.retain(|(path, content)| match source_of_rels(path) {
        Some(source) => {
            (source.is_empty() || reached.contains(&source))
                && matches!(content, Content::Xml(r) if r.elements().next().is_some())
        }
        None => reached.contains(path),
    });

    // 5. Content types from the final list, then serialise in a fixed order.
    let mut paths: Vec<String> = parts.iter().map(|(p, _)| p.clone()).collect();
    paths.push(CONTENT_TYPES.into());
    let types = content_types(&paths, &rel_types, &previous_ct);
    parts.push((CONTENT_TYPES.into(), Content::Xml(types)));
    parts.sort_by(|(a, _), (b, _)| part_rank(a).cmp(&part_rank(b)).then_with(|| a.cmp(b)));
    let parts = parts
        .into_iter()
        .map(|(path, content)| Part {
            data: match content {
                Content::Xml(root) => serialize(&root),
                Content::Bytes(b) => b,
            },
            path,
        })
        .collect();
    Ok(Package { parts })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses a fragment, applies the WordprocessingML repairs and serialises it without declaration.
    fn fixed(xml: &str) -> String {
        let mut root = parse("t.xml", xml.as_bytes()).expect("parse");
        fix_wml(&mut root, None);
        let mut out = String::new();
        write_element(&root, &mut out);
        out
    }

    fn meta() -> PackageMeta {
        PackageMeta {
            title: "Thông báo A & B <1>".into(),
            language: "vi-VN".into(),
            creator: "vanban".into(),
        }
    }

    #[test]
    fn ppr_in_schema_order() {
        let got = fixed(
            r#"<w:p><w:pPr><w:rPr/><w:jc w:val="both"/><w:ind w:firstLine="567"/><w:spacing w:after="0"/><w:keepNext/><w:pStyle w:val="X"/></w:pPr></w:p>"#,
        );
        assert_eq!(
            got,
            r#"<w:p><w:pPr><w:pStyle w:val="X"/><w:keepNext/><w:spacing w:after="0"/><w:ind w:firstLine="567"/><w:jc w:val="both"/><w:rPr/></w:pPr></w:p>"#
        );
    }

    #[test]
    fn rpr_sectpr_tbl_in_schema_order() {
        let got = fixed(concat!(
            r#"<w:body><w:tbl><w:tblGrid><w:gridCol w:w="10" w:type="dxa"/></w:tblGrid><w:tblPr><w:tblW w:w="10" w:type="dxa"/><w:tblStyle w:val="A"/></w:tblPr></w:tbl>"#,
            r#"<w:r><w:t>x</w:t><w:rPr><w:sz w:val="26"/><w:b/><w:rFonts w:ascii="T"/></w:rPr></w:r>"#,
            r#"<w:sectPr><w:pgSz w:w="1"/><w:cols/><w:headerReference w:type="default" r:id="a"/><w:footerReference w:type="default" r:id="c"/><w:headerReference w:type="first" r:id="b"/><w:titlePg/><w:pgNumType w:start="1"/></w:sectPr></w:body>"#,
        ));
        assert_eq!(
            got,
            concat!(
                r#"<w:body><w:tbl><w:tblPr><w:tblStyle w:val="A"/><w:tblW w:w="10" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="10"/></w:tblGrid></w:tbl>"#,
                r#"<w:r><w:rPr><w:rFonts w:ascii="T"/><w:b/><w:sz w:val="26"/></w:rPr><w:t>x</w:t></w:r>"#,
                r#"<w:sectPr><w:headerReference w:type="default" r:id="a"/><w:footerReference w:type="default" r:id="c"/><w:headerReference w:type="first" r:id="b"/><w:pgSz w:w="1"/><w:pgNumType w:start="1"/><w:cols/><w:titlePg/></w:sectPr></w:body>"#,
            )
        );
    }

    #[test]
    fn style_ppr_loses_rpr_and_unknown_children_keep_order() {
        let got = fixed(
            r#"<w:style><w:qFormat/><w:rPr/><w:pPr><w:rPr/><w:jc w:val="center"/></w:pPr><w:name w:val="n"/><x:b/><x:a/></w:style>"#,
        );
        assert_eq!(
            got,
            r#"<w:style><w:name w:val="n"/><w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr/><x:b/><x:a/></w:style>"#
        );
    }

    #[test]
    fn ampersand_stays_single_escaped() {
        let src =
            r#"<w:t a="x &amp; &quot;y&quot; &lt;z&gt;">A &amp; B &lt;c&gt; &#7879; "q" 'a'</w:t>"#;
        let once = fixed(src);
        assert_eq!(
            once,
            r#"<w:t a="x &amp; &quot;y&quot; &lt;z&gt;">A &amp; B &lt;c&gt; ệ "q" 'a'</w:t>"#
        );
        assert_eq!(fixed(&once), once);
        assert!(!once.contains("&amp;amp;"));
    }

    #[test]
    fn xml_space_and_whitespace_preserved() {
        let src = r#"<w:r><w:t xml:space="preserve">  hai  </w:t></w:r>"#;
        assert_eq!(fixed(src), src);
    }

    #[test]
    fn footnote_separators_and_ref_inserted_once() {
        let mut root = parse(
            "f.xml",
            br#"<w:footnotes xmlns:w="x"><w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:t>Note</w:t></w:r></w:p></w:footnote></w:footnotes>"#,
        )
        .expect("parse");
        fix_footnotes(&mut root);
        let once = root.clone();
        fix_footnotes(&mut root);
        assert_eq!(root, once, "idempotent");
        let mut out = String::new();
        write_element(&root, &mut out);
        assert_eq!(out.matches(r#"w:type="separator" w:id="-1""#).count(), 1);
        assert_eq!(
            out.matches(r#"w:type="continuationSeparator" w:id="0""#)
                .count(),
            1
        );
        assert_eq!(out.matches("<w:footnoteRef/>").count(), 1);
        assert!(out.contains(concat!(
            r#"<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>"#,
            r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/>"#,
            r#"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>"#,
            r#"</w:rPr><w:footnoteRef/></w:r>"#,
            r#"<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/></w:rPr>"#,
            r#"<w:t xml:space="preserve"> </w:t></w:r><w:r><w:t>Note</w:t></w:r>"#
        )));
        assert!(out.find("separator").unwrap() < out.find(r#"w:id="1""#).unwrap());
    }

    #[test]
    fn settings_get_footnote_pr_in_place() {
        let mut root = parse(
            "s.xml",
            br#"<w:settings><w:defaultTabStop w:val="840"/><w:zoom w:percent="100"/><w:compat/></w:settings>"#,
        )
        .expect("parse");
        fix_settings(&mut root, "vi-VN");
        fix_settings(&mut root, "vi-VN");
        fix_wml(&mut root, None);
        let mut out = String::new();
        write_element(&root, &mut out);
        assert_eq!(
            out,
            concat!(
                r#"<w:settings><w:zoom w:percent="100"/><w:defaultTabStop w:val="840"/>"#,
                r#"<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>"#,
                r#"<w:compat/><w:themeFontLang w:val="vi-VN"/></w:settings>"#
            )
        );
    }

    #[test]
    fn header_rows_marked_in_bang_so_lieu() {
        let got = fixed(concat!(
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="BangSoLieu"/></w:tblPr><w:tblGrid/>"#,
            r#"<w:tr><w:trPr/><w:tc/></w:tr><w:tr><w:tc/></w:tr></w:tbl>"#
        ));
        assert_eq!(
            got,
            concat!(
                r#"<w:tbl><w:tblPr><w:tblStyle w:val="BangSoLieu"/></w:tblPr><w:tblGrid/>"#,
                r#"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr><w:tc/></w:tr>"#,
                r#"<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc/></w:tr></w:tbl>"#
            )
        );
        let plain = r#"<w:tbl><w:tblPr/><w:tr><w:trPr/><w:tc/></w:tr></w:tbl>"#;
        assert_eq!(fixed(plain), plain);
    }

    /// A docx-rs document with a footnote, a header and an `&` in the text.
    fn sample() -> docx_rs::Docx {
        use docx_rs::*;
        let note = Footnote {
            id: 1,
            content: vec![Paragraph::new()
                .style("FootnoteText")
                .add_run(Run::new().add_text("Ghi chú"))],
        };
        Docx::new()
            .add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Both)
                    .add_run(Run::new().add_text("A & B").bold().size(28))
                    .add_run(Run::new().add_footnote_reference(note)),
            )
            .header(Header::new().add_paragraph(Paragraph::new()))
    }

    fn part_text<'a>(pkg: &'a Package, path: &str) -> &'a str {
        let p = pkg.part(path).unwrap_or_else(|| panic!("missing {path}"));
        std::str::from_utf8(&p.data).expect("utf8")
    }

    #[test]
    fn fix_builds_a_consistent_package() {
        let pkg = fix(sample().build(), &meta()).expect("fix");
        assert_eq!(pkg.check(), Ok(()));
        assert_eq!(pkg.parts[0].path, CONTENT_TYPES);
        assert_eq!(pkg.parts[1].path, "_rels/.rels");
        let names: Vec<&str> = pkg.parts.iter().map(|p| p.path.as_str()).collect();
        for gone in [
            "word/comments.xml",
            "word/commentsExtended.xml",
            "word/numbering.xml",
            "docProps/custom.xml",
        ] {
            assert!(
                !names.contains(&gone),
                "{gone} should be dropped: {names:?}"
            );
        }
        let ct = part_text(&pkg, CONTENT_TYPES);
        for p in &names[1..] {
            if !p.ends_with(".rels") {
                assert!(ct.contains(&format!(r#"PartName="/{p}""#)), "{p} in {ct}");
            }
        }
        assert!(!ct.contains("custom.xml") && !ct.contains("comments"));
        assert!(part_text(&pkg, "word/_rels/document.xml.rels")
            .contains(r#"Target="theme/theme1.xml""#));
        assert!(!part_text(&pkg, "_rels/.rels").contains("custom"));
        let core = part_text(&pkg, "docProps/core.xml");
        assert!(
            core.contains("<dc:title>Thông báo A &amp; B &lt;1&gt;</dc:title>"),
            "{core}"
        );
        assert!(core.contains("<dc:creator>vanban</dc:creator>"));
        assert!(core.contains("<cp:lastModifiedBy>vanban</cp:lastModifiedBy>"));
        assert!(core.contains("<dc:language>vi-VN</dc:language>"));
        assert!(core.contains("1970-01-01T00:00:00Z"));
        assert!(part_text(&pkg, "docProps/app.xml").contains("<Application>vanban</Application>"));
        let styles = part_text(&pkg, "word/styles.xml");
        assert!(styles.contains(r#"<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>"#));
        assert!(styles.contains(r#"w:styleId="FootnoteReference""#));
        let doc = part_text(&pkg, "word/document.xml");
        assert!(doc.contains("A &amp; B") && !doc.contains("&amp;amp;"));
        assert!(doc.starts_with(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#));
        assert!(part_text(&pkg, "word/settings.xml").contains("<w:footnotePr>"));
    }

    #[test]
    fn fix_is_deterministic_and_keeps_footnotes_without_notes() {
        let a = fix(sample().build(), &meta()).expect("fix");
        let b = fix(sample().build(), &meta()).expect("fix");
        assert_eq!(a, b);
        assert_eq!(a.to_bytes().expect("zip"), b.to_bytes().expect("zip"));

        let plain = docx_rs::Docx::new().add_paragraph(docx_rs::Paragraph::new());
        let pkg = fix(plain.build(), &meta()).expect("fix");
        assert_eq!(pkg.check(), Ok(()));
        let notes = part_text(&pkg, "word/footnotes.xml");
        assert!(notes.contains(r#"w:id="-1""#) && notes.contains(r#"w:id="0""#));
        assert!(part_text(&pkg, "word/_rels/document.xml.rels").contains("footnotes.xml"));
        assert!(part_text(&pkg, CONTENT_TYPES).contains("/word/footnotes.xml"));
    }

    #[test]
    fn many_headers_keep_their_relationship_ids() {
        use docx_rs::*;
        let hdr = |t: String| {
            Header::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(t)))
        };
        let mut d = Docx::new();
        for s in 1..=10 {
            d = d.add_section(
                Section::new()
                    .header(hdr(format!("H{s}")))
                    .add_paragraph(Paragraph::new()),
            );
        }
        let d = d.add_paragraph(Paragraph::new()).header(hdr("H11".into()));
        assert_eq!(string_order(11), vec![1, 10, 11, 2, 3, 4, 5, 6, 7, 8, 9]);
        let pkg = fix(d.build(), &meta()).expect("fix");
        assert_eq!(pkg.check(), Ok(()));
        for k in 1..=11 {
            let text = part_text(&pkg, &format!("word/header{k}.xml"));
            assert!(text.contains(&format!(">H{k}<")), "header{k}.xml: {text}");
        }
    }

    #[test]
    fn content_types_follow_relationship_types() {
        let paths = vec![
            CONTENT_TYPES.to_string(),
            "_rels/.rels".to_string(),
            "word/document.xml".to_string(),
            "word/media/a.png".to_string(),
            "customXml/item1.xml".to_string(),
        ];
        let mut rel_types = BTreeMap::new();
        rel_types.insert(
            "word/document.xml".to_string(),
            format!("{REL}officeDocument"),
        );
        rel_types.insert("word/media/a.png".to_string(), format!("{REL}image"));
        let root = content_types(&paths, &rel_types, &BTreeMap::new());
        let mut out = String::new();
        write_element(&root, &mut out);
        assert_eq!(out.matches("<Override").count(), 1, "{out}");
        assert!(out.contains(r#"<Default Extension="png" ContentType="image/png"/>"#));
        assert!(out.contains(r#"PartName="/word/document.xml""#));
    }
}
