//! The tantivy index of the guide on disk: built from `knowledge/`, rebuilt when it no longer fits.

mod error;
mod freshness;
mod schema;

use std::path::Path;

use tantivy::collector::TopDocs;
use tantivy::directory::MmapDirectory;
use tantivy::query::Query;
use tantivy::schema::Value;
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, doc};

use crate::knowledge::{Guide, PassageId};

pub use error::IndexError;
pub use freshness::{RebuildReason, open_or_build};
pub use schema::GuideFields;

/// Memory the index writer may use while building.
const WRITER_MEMORY: usize = 50_000_000;

/// A searchable, on-disk index of a guide's passages.
pub struct GuideIndex {
    index: Index,
    reader: IndexReader,
    fields: GuideFields,
}

impl std::fmt::Debug for GuideIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GuideIndex").finish_non_exhaustive()
    }
}

impl GuideIndex {
    /// Writes a fresh index of `guide` into `dir` (replacing whatever generated files were there).
    pub fn build(guide: &Guide, dir: &Path, fingerprint: &str) -> Result<GuideIndex, IndexError> {
        freshness::clear_generated(dir)?;
        let (schema, fields) = schema::build();
        let directory = MmapDirectory::open(dir).map_err(|e| IndexError::tantivy(dir, e))?;
        let index = Index::create(directory, schema, Default::default())
            .map_err(|e| IndexError::tantivy(dir, e))?;
        let mut writer = index
            .writer_with_num_threads::<TantivyDocument>(1, WRITER_MEMORY)
            .map_err(|e| IndexError::tantivy(dir, e))?;
        for passage in &guide.passages {
            let section = guide.section_path(passage.section);
            writer
                .add_document(doc!(
                    fields.passage => passage.id as u64,
                    fields.section => section,
                    fields.body => passage.text.as_str(),
                ))
                .map_err(|e| IndexError::tantivy(dir, e))?;
        }
        writer.commit().map_err(|e| IndexError::tantivy(dir, e))?;
        writer
            .wait_merging_threads()
            .map_err(|e| IndexError::tantivy(dir, e))?;
        freshness::write_stamp(dir, fingerprint, guide.passages.len())?;
        Self::from_index(index, fields, dir)
    }

    fn from_index(index: Index, fields: GuideFields, dir: &Path) -> Result<GuideIndex, IndexError> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| IndexError::tantivy(dir, e))?;
        Ok(GuideIndex {
            index,
            reader,
            fields,
        })
    }

    /// The fields of the schema, for building queries.
    pub fn fields(&self) -> GuideFields {
        self.fields
    }

    /// The underlying tantivy index (for tools such as the evaluation baseline).
    pub fn tantivy(&self) -> &Index {
        &self.index
    }

    /// Number of indexed passages.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The best `limit` passages for `query`, best first, with their BM25 scores.
    pub fn search(&self, query: &dyn Query, limit: usize) -> Vec<(PassageId, f32)> {
        let searcher = self.reader.searcher();
        let Ok(hits) = searcher.search(query, &TopDocs::with_limit(limit).order_by_score()) else {
            return Vec::new();
        };
        hits.into_iter()
            .filter_map(|(score, address)| {
                let doc: TantivyDocument = searcher.doc(address).ok()?;
                let id = doc.get_first(self.fields.passage)?.as_u64()?;
                Some((id as PassageId, score))
            })
            .collect()
    }
}

#[cfg(test)]
use freshness::STAMP_FILE as STAMP;

#[cfg(test)]
mod tests;
