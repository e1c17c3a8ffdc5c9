//! The wiki's pages as action=edit sees them: one row per page (`page` table: id, latest
//! revision, the current text), page and revision ids counted from the installer's Main Page
//! (page 1, revision 1), and saving a text: a new page, a new revision, or no change; and each
//! account's edit count and latest contribution.

use std::collections::HashMap;

use indexmap::IndexMap;

/// One page.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Page {
    id: u64,
    latest: u64,
    /// The current wikitext (None: the installer's text, which no edit repeats).
    text: Option<String>,
}

/// What saving a text did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    /// A new page with its first revision.
    Created { page_id: u64, rev_id: u64 },
    /// A new revision of an existing page.
    Updated {
        page_id: u64,
        old_rev_id: u64,
        rev_id: u64,
    },
    /// The text was the current one: no revision.
    Unchanged { page_id: u64 },
}

/// Every page, by (namespace, database key), and each account's contributions.
#[derive(Debug)]
pub struct Pages {
    pages: IndexMap<(i32, String), Page>,
    last_revision: u64,
    /// By user id: how many revisions they made (user_editcount) and when the last one was.
    contributions: HashMap<u64, (u64, u64)>,
}

impl Default for Pages {
    /// A fresh install: only `Main_Page` (page 1, revision 1).
    fn default() -> Pages {
        let mut pages = IndexMap::new();
        let main = Page {
            id: 1,
            latest: 1,
            text: None,
        };
        pages.insert((0, "Main_Page".to_string()), main);
        Pages {
            pages,
            last_revision: 1,
            contributions: HashMap::new(),
        }
    }
}

impl Pages {
    /// How many revisions the account made and when the latest was (None: none).
    pub fn contributions(&self, user_id: u64) -> Option<(u64, u64)> {
        self.contributions.get(&user_id).copied()
    }

    /// How many revisions the account made (its edit count).
    pub fn edit_count(&self, user_id: u64) -> u64 {
        self.contributions(user_id).map_or(0, |(count, _)| count)
    }

    /// Counts the Main Page's first revision (the installer's) as `user_id`'s edit at `time`.
    pub fn credit_installer_revision(&mut self, user_id: u64, time: u64) {
        let entry = self.contributions.entry(user_id).or_insert((0, time));
        *entry = (entry.0 + 1, time);
    }

    /// Saves `text` as the page's current text, by the account `author` (None: anonymous) at
    /// `now`; a new revision counts as the author's contribution.
    pub fn save(
        &mut self,
        namespace: i32,
        dbkey: &str,
        text: &str,
        author: Option<u64>,
        now: u64,
    ) -> Saved {
        let saved = self.save_text(namespace, dbkey, text);
        if let (Some(user_id), false) = (author, matches!(saved, Saved::Unchanged { .. })) {
            let entry = self.contributions.entry(user_id).or_insert((0, now));
            *entry = (entry.0 + 1, now);
        }
        saved
    }

    fn save_text(&mut self, namespace: i32, dbkey: &str, text: &str) -> Saved {
        let next_page_id = self.pages.len() as u64 + 1;
        let key = (namespace, dbkey.to_string());
        match self.pages.get_mut(&key) {
            Some(page) if page.text.as_deref() == Some(text) => {
                Saved::Unchanged { page_id: page.id }
            }
            Some(page) => {
                self.last_revision += 1;
                let old_rev_id = page.latest;
                page.latest = self.last_revision;
                page.text = Some(text.to_string());
                Saved::Updated {
                    page_id: page.id,
                    old_rev_id,
                    rev_id: page.latest,
                }
            }
            None => {
                self.last_revision += 1;
                let page = Page {
                    id: next_page_id,
                    latest: self.last_revision,
                    text: Some(text.to_string()),
                };
                self.pages.insert(key, page);
                Saved::Created {
                    page_id: next_page_id,
                    rev_id: self.last_revision,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_revisions_count_on_from_the_main_page() {
        let mut pages = Pages::default();
        let created = pages.save(0, "Foo", "x", Some(7), 100);
        assert_eq!(
            created,
            Saved::Created {
                page_id: 2,
                rev_id: 2
            }
        );
        assert_eq!(
            pages.save(0, "Foo", "x", Some(7), 100),
            Saved::Unchanged { page_id: 2 }
        );
        let updated = pages.save(0, "Foo", "y", Some(7), 200);
        assert_eq!(
            updated,
            Saved::Updated {
                page_id: 2,
                old_rev_id: 2,
                rev_id: 3
            }
        );
        let main = pages.save(0, "Main_Page", "", None, 300);
        assert_eq!(
            main,
            Saved::Updated {
                page_id: 1,
                old_rev_id: 1,
                rev_id: 4
            }
        );
        assert_eq!(
            pages.save(1, "Foo", "x", None, 400),
            Saved::Created {
                page_id: 3,
                rev_id: 5
            }
        );
        // Two revisions by user 7 (the unchanged save is none), the last at 200.
        assert_eq!(pages.contributions(7), Some((2, 200)));
        assert_eq!(pages.contributions(8), None);
    }
}
