//! Units of measure: every conversion to OOXML units lives here.
//!
//! OOXML counts lengths in *twips* (1/20 pt, 1/1440 inch), font sizes in *half-points*
//! and borders in *eighths of a point*. Layout code speaks millimetres and points; a length
//! keeps its unit type until the writer prints it.

use serde::{Deserialize, Serialize};

/// A length in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Mm(pub f64);

/// A length or font size in typographic points (1 pt = 1/72 inch = 20 twips).
///
/// Serialised as a plain number (`13.0`).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Pt(pub f64);

/// A length in twips (1/20 pt, 1/1440 inch), the unit of most WordprocessingML lengths.
///
/// Serialised as a plain integer (`1134`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Twips(pub i32);

impl Mm {
    /// Convert to twips, rounded to the nearest whole twip (1 mm = 56.693 twips).
    pub fn twips(self) -> Twips {
        Twips((self.0 * 1440.0 / 25.4).round() as i32)
    }
}

impl Pt {
    /// Convert to twips (1 pt = 20 twips), rounded.
    pub fn twips(self) -> Twips {
        Twips((self.0 * 20.0).round() as i32)
    }

    /// Convert a font size to half-points, the unit of `w:sz` (13 pt → 26).
    pub fn half_points(self) -> u32 {
        (self.0 * 2.0).round() as u32
    }
}

impl std::ops::Add for Twips {
    type Output = Twips;
    fn add(self, o: Twips) -> Twips {
        Twips(self.0 + o.0)
    }
}

impl std::ops::Sub for Twips {
    type Output = Twips;
    fn sub(self, o: Twips) -> Twips {
        Twips(self.0 - o.0)
    }
}

impl std::ops::Neg for Twips {
    type Output = Twips;
    fn neg(self) -> Twips {
        Twips(-self.0)
    }
}

impl Twips {
    /// This length scaled by `f`, rounded down to a whole twip.
    pub fn scale(self, f: f64) -> Twips {
        Twips((self.0 as f64 * f) as i32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millimetres_to_twips() {
        assert_eq!(Mm(210.0).twips(), Twips(11906));
        assert_eq!(Mm(297.0).twips(), Twips(16838));
        assert_eq!(Mm(20.0).twips(), Twips(1134));
        assert_eq!(Mm(30.0).twips(), Twips(1701));
        assert_eq!(Mm(10.0).twips(), Twips(567));
    }

    #[test]
    fn points_to_ooxml_units() {
        assert_eq!(Pt(13.0).half_points(), 26);
        assert_eq!(Pt(6.0).twips(), Twips(120));
    }
}
