//! The four verdicts of step 1 and how a match earns one.
//!
//! A match ([`super::matcher::Match`]) carries its score and two shares: how much of the
//! query the name explains (`query_cover`) and how much of the name the query explains
//! (`name_cover`), both weighted by how rare each word is in the catalog.
//!
//! - **same**: `score ≥ DUPLICATE_THRESHOLD` (the threshold calibrated in issue 3: spacing,
//!   case, punctuation, noise words, one typo, a former name or the API name).
//! - **likely**: not that close, but one side explains the other: the name holds every word
//!   of the query (a word dropped, "hubspot" for "HubSpot CRM"), or the query holds every
//!   word of the name plus some (an extra word), or the score is fair and each side
//!   explains at least half of the other (two typos, reordered words).
//! - **vendor**: none of that, but the query names a vendor ([`super::vendor`]) and the hit
//!   is one of its products.
//! - **different**: the rest.
//!
//! The thresholds were calibrated with `tests/search_quality.rs`: half-remembered names of
//! existing connectors must come out `same` or `likely`, made-up names must not.

use super::matcher::Match;
use super::DUPLICATE_THRESHOLD;
use serde::Serialize;
use std::fmt;

/// What a hit is to the service the author has in mind. Ordered from the strongest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// This service exists.
    Same,
    /// Probably the same service: look at it.
    Likely,
    /// Another product of the vendor the query names.
    Vendor,
    /// Probably a different service.
    Different,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Same => "same",
            Verdict::Likely => "likely",
            Verdict::Vendor => "vendor",
            Verdict::Different => "different",
        }
    }

    /// A one-character mark for lists (`=` same, `≈` likely, `~` vendor).
    pub fn mark(self) -> char {
        match self {
            Verdict::Same => '=',
            Verdict::Likely => '≈',
            Verdict::Vendor => '~',
            Verdict::Different => ' ',
        }
    }

    /// Whether the hit is (probably) the service itself.
    pub fn is_match(self) -> bool {
        matches!(self, Verdict::Same | Verdict::Likely)
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A share at or above this means "all of it" (typos cost a little).
pub const COVERED: f32 = 0.85;
/// When the name holds the whole query, the query must explain at least this share of the
/// name ("Adobe" alone does not make "Adobe Acrobat Sign Sandbox" likely).
pub const NAME_SHARE_FOR_SUBSET: f32 = 0.3;
/// When the query holds the whole name, the name must explain at least this share of the
/// query ("Quartz Lantern Forms" holds "Forms" and is not Microsoft Forms).
pub const QUERY_SHARE_FOR_SUPERSET: f32 = 0.5;
/// Score from which a match with half of each side explained is likely.
pub const LIKELY_SCORE: f32 = 0.65;
/// The share of each side needed with [`LIKELY_SCORE`].
pub const HALF: f32 = 0.5;

/// The verdict for one match; `vendor_product` says whether the hit is a product of a
/// vendor the query names.
pub fn judge(m: &Match, vendor_product: bool) -> Verdict {
    let (q, n) = (m.query_cover, m.name_cover);
    if m.score >= DUPLICATE_THRESHOLD {
        Verdict::Same
    } else if (q >= COVERED && n >= NAME_SHARE_FOR_SUBSET)
        || (n >= COVERED && q >= QUERY_SHARE_FOR_SUPERSET)
        || (m.score >= LIKELY_SCORE && q.min(n) >= HALF)
    {
        Verdict::Likely
    } else if vendor_product {
        Verdict::Vendor
    } else {
        Verdict::Different
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(score: f32, q: f32, n: f32) -> Match {
        Match {
            entry: 0,
            score,
            name: 0,
            query_cover: q,
            name_cover: n,
        }
    }

    #[test]
    fn the_rules_in_order() {
        assert_eq!(judge(&m(0.95, 1.0, 1.0), false), Verdict::Same);
        // "hubspot" for "HubSpot CRM": the name holds the query.
        assert_eq!(judge(&m(0.7, 1.0, 0.5), false), Verdict::Likely);
        // "Adobe" for "Adobe Acrobat Sign Sandbox": too little of the name.
        assert_eq!(judge(&m(0.6, 1.0, 0.2), true), Verdict::Vendor);
        // "Calendly scheduling": the query holds the name and a bit more.
        assert_eq!(judge(&m(0.6, 0.6, 1.0), false), Verdict::Likely);
        // "Quartz Lantern Forms" for "Microsoft Forms".
        assert_eq!(judge(&m(0.5, 0.3, 1.0), false), Verdict::Different);
        // Two typos: fair score, half of each side.
        assert_eq!(judge(&m(0.7, 0.55, 0.6), false), Verdict::Likely);
        assert_eq!(judge(&m(0.6, 0.55, 0.6), false), Verdict::Different);
        assert!(Verdict::Same < Verdict::Likely && Verdict::Vendor < Verdict::Different);
        assert_eq!(
            serde_json::to_value(Verdict::Likely).unwrap(),
            serde_json::json!("likely")
        );
    }
}
