//! The wiki's pages as action=edit sees them: one row per page (`page` table: id, latest
//! revision, the current text), page and revision ids counted from the installer's Main Page
//! (page 1, revision 1), and saving a text: a new page, a new revision, or no change.

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

/// Every page, by (namespace, database key).
#[derive(Debug)]
pub struct Pages {
    pages: IndexMap<(i32, String), Page>,
    last_revision: u64,
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
        }
    }
}

impl Pages {
    /// Saves `text` as the page's current text.
    pub fn save(&mut self, namespace: i32, dbkey: &str, text: &str) -> Saved {
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
        let created = pages.save(0, "Foo", "x");
        assert_eq!(
            created,
            Saved::Created {
                page_id: 2,
                rev_id: 2
            }
        );
        assert_eq!(pages.save(0, "Foo", "x"), Saved::Unchanged { page_id: 2 });
        let updated = pages.save(0, "Foo", "y");
        assert_eq!(
            updated,
            Saved::Updated {
                page_id: 2,
                old_rev_id: 2,
                rev_id: 3
            }
        );
        let main = pages.save(0, "Main_Page", "");
        assert_eq!(
            main,
            Saved::Updated {
                page_id: 1,
                old_rev_id: 1,
                rev_id: 4
            }
        );
        assert_eq!(
            pages.save(1, "Foo", "x"),
            Saved::Created {
                page_id: 3,
                rev_id: 5
            }
        );
    }
}
