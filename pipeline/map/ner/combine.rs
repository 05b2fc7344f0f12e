//! How a model with several output layers serves: the serving head alone, the mean of all heads, or the
//! serving head lending part of its `O` mass to types that another head sees (OntoNotes' FAC: airports,
//! streets, buildings, which CoNLL-2003's annotators mostly left unlabelled).
//!
//! Every other head's labels are read in the serving head's terms through
//! [`to_conll_label`](crate::conll::to_conll_label): an OntoNotes `B-PERSON` counts for CoNLL's `B-PER`,
//! a `B-FAC` for `B-LOC`, a `B-DATE` for `O`.

use super::model::Head;
use crate::conll::to_conll_label;
use serde::{Deserialize, Serialize};
use tch::{Device, Kind, Tensor};

/// How the heads combine, as `config.json`'s `newsner_combine` declares it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Combine {
    /// The serving head alone.
    #[default]
    Alone,
    /// The mean of every head's probabilities, each mapped onto the serving head's labels.
    Mean,
    /// The serving head, except that where it says `O`, another head's probability for these types
    /// (e.g. `["FAC"]`) moves that share of `O` to the serving head's label they map onto.
    Borrow(Vec<String>),
}

impl std::str::FromStr for Combine {
    type Err = String;

    /// `alone`, `mean` or `borrow:FAC,...`.
    fn from_str(s: &str) -> Result<Combine, String> {
        match s.split_once(':') {
            None if s == "alone" => Ok(Combine::Alone),
            None if s == "mean" => Ok(Combine::Mean),
            Some(("borrow", types)) if !types.is_empty() => Ok(Combine::Borrow(
                types.split(',').map(|t| t.trim().to_string()).collect(),
            )),
            _ => Err(format!(
                "{s:?}: expected alone, mean or borrow:TYPE[,TYPE...]"
            )),
        }
    }
}

/// A [`Combine`] resolved against a model's heads, ready to apply to the output layer's logits.
#[derive(Debug)]
pub enum Plan {
    /// Per head, the `[its labels, serving labels]` matrix that maps its probabilities.
    Mean(Vec<Tensor>),
    /// The serving head's `O` column, and per lending head its index and the `[its labels, serving
    /// labels]` matrix that moves each borrowed label's share from `O` (-1) to the label it counts for
    /// (+1).
    Borrow {
        outside: usize,
        moves: Vec<(usize, Tensor)>,
    },
}

/// Where `label` of another head lands among the serving head's labels.
fn target_of(label: &str, serving: &Head) -> Result<usize, String> {
    let mapped = to_conll_label(label);
    serving
        .labels
        .iter()
        .position(|t| *t == mapped)
        .ok_or_else(|| format!("its label {label} has no match in head {:?}", serving.name))
}

impl Plan {
    /// Resolves `combine` for `heads` served by `heads[active]`; `None` for [`Combine::Alone`] or a
    /// single head. Fails where a label has no match among the serving head's (CoNLL's labels cannot
    /// be read as OntoNotes').
    pub fn new(
        combine: &Combine,
        heads: &[Head],
        active: usize,
        device: Device,
    ) -> Result<Option<Plan>, String> {
        let serving = &heads[active];
        match combine {
            _ if heads.len() < 2 => Ok(None),
            Combine::Alone => Ok(None),
            Combine::Mean => {
                let n = serving.labels.len();
                let mut maps = Vec::with_capacity(heads.len());
                for h in heads {
                    let mut m = vec![0f32; h.labels.len() * n];
                    for (i, l) in h.labels.iter().enumerate() {
                        m[i * n + target_of(l, serving)?] = 1.0;
                    }
                    let shape = [h.labels.len() as i64, n as i64];
                    maps.push(Tensor::from_slice(&m).view(shape).to_device(device));
                }
                Ok(Some(Plan::Mean(maps)))
            }
            Combine::Borrow(types) => {
                let outside = target_of("O", serving)?;
                let n = serving.labels.len();
                let mut moves = Vec::new();
                for (k, h) in heads.iter().enumerate().filter(|&(k, _)| k != active) {
                    let mut m = vec![0f32; h.labels.len() * n];
                    let mut any = false;
                    for (i, l) in h.labels.iter().enumerate() {
                        let ty = l.split_once('-').map_or("", |(_, t)| t);
                        let dst = target_of(l, serving)?;
                        // A type that maps onto `O` (a date, a count) has nothing to lend.
                        if types.iter().any(|t| t == ty) && dst != outside {
                            m[i * n + dst] = 1.0;
                            m[i * n + outside] = -1.0;
                            any = true;
                        }
                    }
                    if any {
                        let shape = [h.labels.len() as i64, n as i64];
                        moves.push((k, Tensor::from_slice(&m).view(shape).to_device(device)));
                    }
                }
                if moves.is_empty() {
                    return Err(format!("no other head has the types {types:?}"));
                }
                Ok(Some(Plan::Borrow { outside, moves }))
            }
        }
    }

    /// The serving head's log-probabilities (a softmax over them gives the combined probabilities)
    /// from the output layer's logits for all heads, `[batch, length, all labels]`.
    pub fn apply(&self, logits: &Tensor, heads: &[Head], active: usize) -> Tensor {
        let logits = logits.to_kind(Kind::Float);
        let probs = |h: &Head| {
            logits
                .narrow(-1, h.start as i64, h.labels.len() as i64)
                .softmax(-1, Kind::Float)
        };
        let p = match self {
            Plan::Mean(maps) => {
                let sum = heads
                    .iter()
                    .zip(maps)
                    .map(|(h, m)| probs(h).matmul(m))
                    .reduce(|a, b| a + b)
                    .expect("a plan has two heads or more");
                sum / heads.len() as f64
            }
            Plan::Borrow { outside, moves } => {
                let p = probs(&heads[active]);
                let o = p.narrow(-1, *outside as i64, 1);
                let moved = moves
                    .iter()
                    .map(|(k, m)| probs(&heads[*k]).matmul(m))
                    .reduce(|a, b| a + b)
                    .expect("a borrow plan has a lending head");
                &p + o * moved
            }
        };
        p.clamp_min(1e-9).log()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combine_parses_from_the_command_line_and_config() {
        assert_eq!("mean".parse::<Combine>(), Ok(Combine::Mean));
        assert_eq!(
            "borrow:FAC, NORP".parse::<Combine>(),
            Ok(Combine::Borrow(vec!["FAC".into(), "NORP".into()]))
        );
        assert!("borrow:".parse::<Combine>().is_err());
        assert!("both".parse::<Combine>().is_err());
        let json = serde_json::to_string(&Combine::Borrow(vec!["FAC".into()])).unwrap();
        assert_eq!(json, r#"{"borrow":["FAC"]}"#);
        assert_eq!(
            serde_json::from_str::<Combine>(r#""alone""#).unwrap(),
            Combine::Alone
        );
    }
}
