//! Pass `designator`: a company's name with its legal form or designator removed for matching
//! ("Microsoft Corp" = "Microsoft", "Hewlett-Packard Co" = "Hewlett-Packard"). The designators are data:
//! `models/lexicons/designators.txt`.

use super::graph::Graph;
use super::sieve::Pass;
use newsner_core::labels::EntityType;

/// Joins organizations with the same words once designators are removed.
pub struct Designator;

impl Pass for Designator {
    fn name(&self) -> &'static str {
        "designator"
    }

    fn run(&self, g: &mut Graph) {
        g.union_groups(self.name(), |n| {
            (n.ty == EntityType::Organization).then(|| n.core.join(" "))
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::normalize::tests::{entity_names, run_corpus};
    use newsner_core::labels::EntityType::*;

    #[test]
    fn designators_are_removed_for_matching() {
        let n = run_corpus(&[
            (
                "a",
                "Microsoft Corp and Hewlett-Packard Co. and Advanced Micro Devices Inc",
                &[
                    ("Microsoft Corp", Organization),
                    ("Hewlett-Packard Co.", Organization),
                    ("Advanced Micro Devices Inc", Organization),
                ],
            ),
            (
                "b",
                "Microsoft and Hewlett-Packard and Advanced Micro Devices. General Motors.",
                &[
                    ("Microsoft", Organization),
                    ("Hewlett-Packard", Organization),
                    ("Advanced Micro Devices", Organization),
                    ("General Motors", Organization),
                ],
            ),
        ]);
        let e = entity_names(&n);
        assert!(
            e.contains(&"Microsoft Corp | Microsoft".to_string()),
            "{e:?}"
        );
        assert!(
            e.contains(&"Hewlett-Packard Co | Hewlett-Packard".to_string()),
            "{e:?}"
        );
        assert!(
            e.contains(&"Advanced Micro Devices Inc | Advanced Micro Devices".to_string()),
            "{e:?}"
        );
        assert!(e.contains(&"General Motors".to_string()), "{e:?}");
    }
}
