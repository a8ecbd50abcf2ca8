//! Reading a `kieswet/seat-allocation-input@1` document: the checks of its format
//! (docs/formats.md), each problem reported with its field, as the protocol's `rejected`
//! answer needs. The Abacus crate validates nothing of this itself (it is handed checked data by
//! the Abacus application), so the shim must.

use std::fmt;

use crate::value::Value;

pub const INPUT_FORMAT: &str = "kieswet/seat-allocation-input@1";
const KINDS: [&str; 8] = ["TK", "EP", "PS", "AB", "GR", "ER", "EK", "KNI"];
const LAWS: [&str; 3] = ["current", "bill-36641", "pre-2017-12"];
const SWITCHES: [&str; 3] = [
    "p9-counts-as-residual",
    "candidate-lot-always",
    "p19-own-list-votes",
];

/// One problem of the input, as the result format's `errors` lists it.
#[derive(serde::Serialize)]
pub struct Problem {
    pub field: String,
    pub code: &'static str,
    pub message: String,
}

pub struct Candidate {
    pub number: i128,
    pub votes: i128,
    pub deceased: bool,
}

pub struct List {
    pub number: i128,
    pub votes: i128,
    /// `Some` for candidate-level data.
    pub candidates: Option<Vec<Candidate>>,
    pub candidate_count: Option<i128>,
    pub deceased_count: i128,
}

pub struct Lot {
    pub kind: String,
    pub options: Vec<i128>,
    pub drawn: i128,
    pub list: Option<i128>,
}

pub struct Election {
    pub kind: String,
    pub seats: i128,
    pub law: String,
    pub profile: String,
    pub lists: Vec<List>,
    pub lots: Vec<Lot>,
}

/// Where a value is in the document: `lists[2].candidates[0].votes`, or `format` at the top.
/// Spelled out only when a problem is reported there; a sound document costs no text (building
/// every field's name in advance was the largest part of the checks).
#[derive(Clone, Copy)]
enum At<'p> {
    Top,
    Key(&'p At<'p>, &'p str),
    Index(&'p At<'p>, usize),
}

const ELECTION: At<'static> = At::Key(&At::Top, "election");
const LISTS: At<'static> = At::Key(&At::Top, "lists");
const LOTS: At<'static> = At::Key(&At::Top, "lots");

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            At::Top => Ok(()),
            At::Key(At::Top, key) => f.write_str(key),
            At::Key(parent, key) => write!(f, "{parent}.{key}"),
            At::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

struct Errs(Vec<Problem>);

impl Errs {
    fn add(&mut self, field: impl fmt::Display, code: &'static str, message: String) {
        self.0.push(Problem {
            field: field.to_string(),
            code,
            message,
        });
    }
    fn unknown(&mut self, v: &Value, known: &[&str], at: &At) {
        for k in v.keys() {
            if !known.contains(&k) {
                self.add(
                    At::Key(at, k),
                    "unknown_field",
                    format!("unknown field {k:?}"),
                );
            }
        }
    }
    fn text(&mut self, v: &Value, key: &str, at: &At) {
        if let Some(x) = v.get(key)
            && x.as_str().is_none()
        {
            self.add(
                At::Key(at, key),
                "not_a_string",
                format!("{key} must be a string"),
            );
        }
    }
    fn non_negative(&mut self, v: &Value, field: At) -> Option<i128> {
        match v.as_int() {
            Some(n) if n >= 0 => Some(n),
            _ => {
                self.add(
                    field,
                    "invalid_number",
                    "must be a whole number of at least 0".into(),
                );
                None
            }
        }
    }
    fn positive(&mut self, v: Option<&Value>, field: At) -> Option<i128> {
        match v.and_then(Value::as_int) {
            Some(n) if n >= 1 => Some(n),
            _ => {
                self.add(
                    field,
                    "invalid_number",
                    "must be a positive whole number".into(),
                );
                None
            }
        }
    }
    /// Numbers must rise: one seen before is a `duplicate`, one below the largest before it
    /// (and not seen) is `unsorted`.
    fn in_order(&mut self, numbers: &[Option<i128>], at: &At, what: &str) {
        // The numbers that each rose above all before them, so in ascending order, and the
        // rest: a sound list has only the first kind and is checked without hashing.
        let mut rising: Vec<i128> = Vec::with_capacity(numbers.len());
        let mut others = std::collections::HashSet::new();
        for (i, n) in numbers.iter().enumerate() {
            let Some(n) = *n else { continue };
            if rising.last().is_none_or(|&largest| n > largest) {
                rising.push(n);
                continue;
            }
            let field = At::Key(&At::Index(at, i), "number");
            if rising.binary_search(&n).is_ok() || others.contains(&n) {
                self.add(
                    field,
                    "duplicate",
                    format!("{what} number {n} occurs more than once"),
                );
            } else {
                self.add(
                    field,
                    "unsorted",
                    format!("{what} number {n} is out of order"),
                );
            }
            others.insert(n);
        }
    }
}

fn profile_known(name: &str) -> bool {
    if name == "default" {
        return true;
    }
    let parts: Vec<&str> = name.split('+').collect();
    let mut seen = std::collections::HashSet::new();
    parts
        .iter()
        .all(|p| SWITCHES.contains(p) && seen.insert(*p))
}

fn candidates(raw: &Value, at: &At, errs: &mut Errs) -> Option<Vec<Candidate>> {
    let Value::Array(items) = raw else {
        errs.add(at, "not_an_array", "candidates must be an array".into());
        return None;
    };
    let before = errs.0.len();
    let mut out = vec![];
    let mut numbers = vec![];
    for (i, item) in items.iter().enumerate() {
        let field = At::Index(at, i);
        if !matches!(item, Value::Object(_)) {
            errs.add(
                field,
                "not_an_object",
                "a candidate must be an object".into(),
            );
            numbers.push(None);
            continue;
        }
        errs.unknown(item, &["number", "votes", "deceased", "name"], &field);
        errs.text(item, "name", &field);
        let number = errs.positive(item.get("number"), At::Key(&field, "number"));
        numbers.push(number);
        let votes = match item.get("votes") {
            None => {
                errs.add(
                    At::Key(&field, "votes"),
                    "missing",
                    "votes is required".into(),
                );
                None
            }
            Some(v) => errs.non_negative(v, At::Key(&field, "votes")),
        };
        let deceased = match item.get("deceased") {
            None => Some(false),
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => {
                errs.add(
                    At::Key(&field, "deceased"),
                    "not_a_boolean",
                    "deceased must be true or false".into(),
                );
                None
            }
        };
        if let (Some(number), Some(votes), Some(deceased)) = (number, votes, deceased) {
            out.push(Candidate {
                number,
                votes,
                deceased,
            });
        }
    }
    errs.in_order(&numbers, at, "candidate");
    (errs.0.len() == before).then_some(out)
}

fn list(raw: &Value, index: usize, errs: &mut Errs) -> (Option<i128>, Option<List>) {
    let at = At::Index(&LISTS, index);
    if !matches!(raw, Value::Object(_)) {
        errs.add(
            at,
            "not_an_object",
            format!("list {} must be an object", index + 1),
        );
        return (None, None);
    }
    errs.unknown(
        raw,
        &[
            "number",
            "name",
            "votes",
            "candidates",
            "candidate_count",
            "deceased_count",
        ],
        &at,
    );
    let number = errs.positive(raw.get("number"), At::Key(&at, "number"));
    errs.text(raw, "name", &at);
    let before = errs.0.len();
    let mut cands = None;
    let mut candidate_count = None;
    let mut deceased_count = 0;
    let votes;
    if let Some(c) = raw.get("candidates") {
        cands = candidates(c, &At::Key(&at, "candidates"), errs);
        for key in ["candidate_count", "deceased_count"] {
            if raw.get(key).is_some() {
                errs.add(
                    At::Key(&at, key),
                    "conflicting_fields",
                    format!("{key} is only for list-level data"),
                );
            }
        }
        votes = cands
            .as_ref()
            .map(|cs| cs.iter().fold(0i128, |a, c| a.saturating_add(c.votes)));
        if let Some(given) = raw.get("votes") {
            let given = errs.non_negative(given, At::Key(&at, "votes"));
            if let (Some(g), Some(v)) = (given, votes)
                && g != v
            {
                errs.add(
                    At::Key(&at, "votes"),
                    "votes_mismatch",
                    format!("votes {g} differs from the candidates' sum {v}"),
                );
            }
        }
    } else {
        votes = match raw.get("votes") {
            None => {
                errs.add(
                    At::Key(&at, "votes"),
                    "missing",
                    "give either candidates or votes".into(),
                );
                None
            }
            Some(v) => errs.non_negative(v, At::Key(&at, "votes")),
        };
        if let Some(c) = raw.get("candidate_count") {
            candidate_count = errs.non_negative(c, At::Key(&at, "candidate_count"));
        }
        if let Some(d) = raw.get("deceased_count")
            && let Some(d) = errs.non_negative(d, At::Key(&at, "deceased_count"))
        {
            deceased_count = d;
            match candidate_count {
                None => errs.add(
                    At::Key(&at, "deceased_count"),
                    "missing_candidate_count",
                    "deceased_count needs candidate_count".into(),
                ),
                Some(c) if d > c => errs.add(
                    At::Key(&at, "deceased_count"),
                    "too_many_deceased",
                    format!("{d} deceased but only {c} candidates"),
                ),
                _ => {}
            }
        }
    }
    match (number, votes) {
        (Some(number), Some(votes)) if errs.0.len() == before => (
            Some(number),
            Some(List {
                number,
                votes,
                candidates: cands,
                candidate_count,
                deceased_count,
            }),
        ),
        _ => (number, None),
    }
}

fn lots(raw: Option<&Value>, errs: &mut Errs) -> Vec<Lot> {
    let items = match raw {
        None => return vec![],
        Some(Value::Array(items)) => items,
        Some(_) => {
            errs.add(
                "lots",
                "not_an_array",
                "lots must be an array of drawn lots, in order".into(),
            );
            return vec![];
        }
    };
    let mut out = vec![];
    for (i, item) in items.iter().enumerate() {
        let at = At::Index(&LOTS, i);
        if !matches!(item, Value::Object(_)) {
            errs.add(
                at,
                "not_an_object",
                format!("lot {} must be an object", i + 1),
            );
            continue;
        }
        errs.unknown(item, &["kind", "options", "drawn", "list"], &at);
        let kind = item.get("kind").and_then(Value::as_str).unwrap_or("");
        let options: Option<Vec<i128>> = match item.get("options") {
            Some(Value::Array(os)) => os.iter().map(|o| o.as_int().filter(|n| *n >= 1)).collect(),
            _ => None,
        };
        let drawn = item.get("drawn").and_then(Value::as_int);
        let owner = item.get("list");
        if !["residual_seat", "absolute_majority", "candidate"].contains(&kind) {
            errs.add(
                At::Key(&at, "kind"),
                "invalid_lot_kind",
                "kind must be residual_seat, absolute_majority or candidate".into(),
            );
        } else if options.as_ref().is_none_or(|os| {
            os.len() < 2 || os.iter().collect::<std::collections::HashSet<_>>().len() != os.len()
        }) {
            errs.add(
                At::Key(&at, "options"),
                "invalid_options",
                "options must be two or more distinct positive numbers".into(),
            );
        } else if drawn.is_none_or(|d| !options.as_ref().is_some_and(|os| os.contains(&d))) {
            errs.add(
                At::Key(&at, "drawn"),
                "drawn_not_an_option",
                "drawn is not one of the options".into(),
            );
        } else if kind == "candidate" && owner.and_then(Value::as_int).is_none_or(|n| n < 1) {
            errs.add(
                At::Key(&at, "list"),
                "invalid_number",
                "a candidate lot names its list number".into(),
            );
        } else if kind != "candidate" && owner.is_some() {
            errs.add(
                At::Key(&at, "list"),
                "unexpected_field",
                "only candidate lots name a list".into(),
            );
        } else {
            let mut options = options.expect("checked");
            options.sort_unstable();
            out.push(Lot {
                kind: kind.to_string(),
                options,
                drawn: drawn.expect("checked"),
                list: owner.and_then(Value::as_int),
            });
        }
    }
    out
}

/// The election in `data`, or every problem found.
pub fn parse(data: &Value) -> Result<Election, Vec<Problem>> {
    let mut errs = Errs(vec![]);
    if !matches!(data, Value::Object(_)) {
        errs.add(
            "$",
            "not_an_object",
            "the input must be a JSON object".into(),
        );
        return Err(errs.0);
    }
    errs.unknown(
        data,
        &["format", "source", "election", "lists", "lots"],
        &At::Top,
    );
    errs.text(data, "source", &At::Top);
    if let Some(f) = data.get("format")
        && f.as_str() != Some(INPUT_FORMAT)
    {
        errs.add(
            "format",
            "unknown_format",
            format!("format must be {INPUT_FORMAT:?}"),
        );
    }
    let (mut kind, mut seats, mut law, mut profile) =
        (None, None, "current".to_string(), "default".to_string());
    match data.get("election") {
        Some(e @ Value::Object(_)) => {
            errs.unknown(
                e,
                &["kind", "seats", "law", "profile", "name", "date"],
                &ELECTION,
            );
            errs.text(e, "name", &ELECTION);
            errs.text(e, "date", &ELECTION);
            match e.get("kind").and_then(Value::as_str) {
                Some(k) if KINDS.contains(&k) => kind = Some(k.to_string()),
                _ => errs.add(
                    "election.kind",
                    "unknown_kind",
                    format!("kind must be one of {}", KINDS.join(" ")),
                ),
            }
            match e.get("seats").and_then(Value::as_int) {
                Some(n) if n >= 1 => seats = Some(n),
                _ => errs.add(
                    "election.seats",
                    "invalid_seats",
                    "seats must be a whole number of at least 1".into(),
                ),
            }
            match e.get("law") {
                None => {}
                Some(Value::Str(l)) if LAWS.contains(&l.as_ref()) => law = l.to_string(),
                Some(_) => errs.add(
                    "election.law",
                    "unknown_law_version",
                    format!("law must be one of {}", LAWS.join(", ")),
                ),
            }
            match e.get("profile") {
                None => {}
                Some(Value::Str(p)) if profile_known(p) => profile = p.to_string(),
                Some(_) => errs.add(
                    "election.profile",
                    "unknown_profile",
                    "unknown interpretation profile".into(),
                ),
            }
        }
        _ => errs.add(
            "election",
            "missing",
            "election (kind, seats, law, profile) is required".into(),
        ),
    }
    let mut lists = vec![];
    match data.get("lists") {
        Some(Value::Array(items)) if !items.is_empty() => {
            let mut numbers = vec![];
            for (i, raw) in items.iter().enumerate() {
                let (number, parsed) = list(raw, i, &mut errs);
                numbers.push(number);
                lists.extend(parsed);
            }
            errs.in_order(&numbers, &LISTS, "list");
        }
        _ => errs.add("lists", "missing", "lists must be a non-empty array".into()),
    }
    let lots = lots(data.get("lots"), &mut errs);
    if errs.0.is_empty() && lists.iter().all(|l| l.votes == 0) {
        errs.add(
            "lists",
            "zero_votes",
            "the lists have no votes at all".into(),
        );
    }
    match (kind, seats) {
        (Some(kind), Some(seats)) if errs.0.is_empty() => Ok(Election {
            kind,
            seats,
            law,
            profile,
            lists,
            lots,
        }),
        _ => Err(errs.0),
    }
}
