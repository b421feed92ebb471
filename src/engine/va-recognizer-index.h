/* va-recognizer-index.h — the recognizer's index: vocabulary, phrase vectors, topic postings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to the recognizer (va-recognizer.c, va-recognizer-train.c). An index is immutable once
 * built, so a training thread may read it while the recognizer queries it; the trained weights
 * live apart, in a VaRecognizerModel.
 */
#pragma once

#include <glib.h>

#include "va-text.h"

G_BEGIN_DECLS

/* Open-addressing map from a 64-bit feature key to a dense feature id. */
typedef struct
{
  guint64 *keys;
  guint32 *ids;  /* feature id + 1; 0 marks an empty slot */
  guint32  mask;
} VaFeatureMap;

/* One (feature, topic) pair: the feature occurs in one of the topic's phrases. */
typedef struct
{
  guint32 topic;
  float   centroid; /* the feature's weight in the topic's unit-length centroid */
} VaPosting;

#define VA_SPARSE G_MAXUINT32

typedef struct
{
  guint          n_topics;
  guint          stride;             /* n_topics rounded up to 8, the length of a dense row */
  guint          n_phrases;
  guint          n_features;
  VaFeatureMap   map;
  float         *idf;
  guint8        *group;
  float          unknown_idf;        /* idf of a feature no phrase has */
  /* A feature in few topics keeps a list of postings; one in many topics (a common word or
   * n-gram) a dense row over all topics, added 8 topics at a time. */
  guint32       *dense_of;           /* n_features: row of the feature, or VA_SPARSE */
  guint          n_dense;
  float         *dense_centroid;     /* n_dense x stride */
  guint32       *post_start;         /* n_features + 1, empty for a dense feature */
  VaPosting     *post;               /* by feature, topics increasing */
  guint32       *topic_phrase_start; /* n_topics + 1: phrases of topic t */
  const char   **phrase_text;        /* borrowed from the caller's phrases */
  guint32       *phrase_feat_start;  /* n_phrases + 1 */
  guint32       *phrase_fid;
  float         *phrase_weight;
} VaRecognizerIndex;

/* The linear model over an index's postings and dense rows. */
typedef struct
{
  float *weight;       /* parallel to the index's post */
  float *dense_weight; /* n_dense x stride */
  float *bias;         /* stride, zero padded */
} VaRecognizerModel;

/* A message as a unit-length vector over the index's features. */
typedef struct
{
  guint    n;
  guint    alloc;
  guint32 *fid;
  float   *weight;
} VaQuery;

VaRecognizerIndex *va_recognizer_index_new         (VaTextAnalyzer             *analyzer,
                                                    guint                       n_topics,
                                                    const char * const * const *phrases,
                                                    GArray                     *scratch);
VaRecognizerIndex *va_recognizer_index_ref         (VaRecognizerIndex          *self);
void               va_recognizer_index_unref       (VaRecognizerIndex          *self);
void               va_recognizer_index_query       (const VaRecognizerIndex    *self,
                                                    VaTextAnalyzer             *analyzer,
                                                    const char                 *text,
                                                    GArray                     *scratch,
                                                    VaQuery                    *query);
void               va_recognizer_index_score       (const VaRecognizerIndex    *self,
                                                    const VaRecognizerModel    *model,
                                                    const VaQuery              *query,
                                                    float                      *cosine,
                                                    float                      *prob);
float              va_recognizer_index_best_phrase (const VaRecognizerIndex    *self,
                                                    const VaQuery              *query,
                                                    guint                       topic,
                                                    float                      *dense,
                                                    const char                **phrase);
void               va_recognizer_softmax           (float                      *z,
                                                    guint                       n);
void               va_query_clear                  (VaQuery                    *query);

/* Rows of the model are padded to a multiple of 8 floats, processed 8 at a time with GCC/Clang
 * vector extensions. */
#if defined(__GNUC__)
typedef float VaFloat8 __attribute__ ((vector_size (32), aligned (4), may_alias));

static inline void
va_row_axpy (float *y, const float *row, float a, guint n8)
{
  for (guint t = 0; t < n8; t += 8)
    *(VaFloat8 *) (y + t) += a * *(const VaFloat8 *) (row + t);
}
#else
static inline void
va_row_axpy (float *y, const float *row, float a, guint n8)
{
  for (guint t = 0; t < n8; t++)
    y[t] += a * row[t];
}
#endif

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VaRecognizerIndex, va_recognizer_index_unref)

G_END_DECLS
