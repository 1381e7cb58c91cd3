//! The related-articles index of the portal: `sinergi_text::RelatedIndex` over public items,
//! remembering each item's organisation so the portal can prefer its own.

use std::collections::HashMap;

use super::model::NewsItem;

#[derive(Default)]
pub struct RelatedCache {
    index: sinergi_text::RelatedIndex,
    org_of: HashMap<u64, i64>,
}

impl RelatedCache {
    pub fn upsert(&mut self, item: &NewsItem) {
        let Ok(id) = u64::try_from(item.id) else {
            return;
        };
        let text = format!("{}\n{}", item.lead, item.body_text);
        self.index.upsert(&sinergi_text::RelatedDoc {
            id,
            title: &item.title,
            text: &text,
            tags: &item.tags,
            category: Some(&item.category),
        });
        self.org_of.insert(id, item.org_id);
    }

    pub fn remove(&mut self, id: i64) {
        if let Ok(id) = u64::try_from(id) {
            self.index.remove(id);
            self.org_of.remove(&id);
        }
    }

    /// Related item ids with their organisation, best first.
    pub fn related(&self, item: &NewsItem, k: usize) -> Vec<(i64, i64)> {
        let Ok(id) = u64::try_from(item.id) else {
            return Vec::new();
        };
        let hits = if self.org_of.contains_key(&id) {
            self.index.related(id, k)
        } else {
            let text = format!("{}\n{}", item.lead, item.body_text);
            self.index.related_to(
                &sinergi_text::RelatedDoc {
                    id,
                    title: &item.title,
                    text: &text,
                    tags: &item.tags,
                    category: Some(&item.category),
                },
                k,
            )
        };
        hits.into_iter()
            .filter_map(|(rid, _)| {
                let org = *self.org_of.get(&rid)?;
                Some((i64::try_from(rid).ok()?, org))
            })
            .collect()
    }
}
