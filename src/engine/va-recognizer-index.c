/* va-recognizer-index.c — the recognizer's index: vocabulary, phrase vectors, topic postings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each trigger phrase becomes a TF-IDF vector (sublinear term frequency, scikit-learn's smoothed
 * idf) over the two feature families of va-text.c, each family normalised on its own. Each topic
 * is the centroid of its phrase vectors, kept as postings feature -> (topic, weight) so a message
 * only touches the topics that share a feature with it; features common to many topics keep a
 * dense row instead. The linear model (va-recognizer-train.c) has one weight per posting and
 * per dense-row entry, so both scores come out of one pass.
 */
#include "va-recognizer-index.h"

#include <math.h>
#include <string.h>

/* Share of the word family in a vector, in squares, so vectors stay unit length: chosen on the
 * validation sets, words weigh a little more than character n-grams. */
#define WORD_SHARE 0.6f

/* A feature in at least this share of the topics gets a dense row: adding 8 topics at a time
 * beats scattering into a quarter of them. */
#define DENSE_SHARE 4

static void
feature_map_init (VaFeatureMap *map, guint capacity)
{
  guint size = 16;

  while (size < capacity * 2)
    size <<= 1;
  map->keys = g_new (guint64, size);
  map->ids = g_new0 (guint32, size);
  map->mask = size - 1;
}

static inline guint32 *
feature_map_slot (const VaFeatureMap *map, guint64 key)
{
  guint32 i = (guint32) (key ^ (key >> 32)) & map->mask;

  while (map->ids[i] != 0 && map->keys[i] != key)
    i = (i + 1) & map->mask;
  return &map->ids[i];
}

/* Returns the feature id of @key, or -1. */
static inline gint64
feature_map_lookup (const VaFeatureMap *map, guint64 key)
{
  guint32 *slot = feature_map_slot (map, key);

  return *slot == 0 ? -1 : (gint64) *slot - 1;
}

static inline float
sublinear_tf (float count)
{
  return 1.0f + logf (count);
}

/* Scales the word and character parts of a vector to norms WORD_SHARE and 1 - WORD_SHARE in
 * squares, so the two families weigh as set whatever their number of features. @sq holds the
 * squared norms of the two parts, which may include features not in @fid. */
static void
normalize_groups (const guint8 *group, const guint32 *fid, float *w, guint n,
                  const double sq[VA_TEXT_N_GROUPS])
{
  float scale[VA_TEXT_N_GROUPS];

  scale[VA_TEXT_GROUP_WORD] = sq[0] > 0 ? sqrtf (WORD_SHARE) / sqrt (sq[0]) : 0;
  scale[VA_TEXT_GROUP_CHAR] = sq[1] > 0 ? sqrtf (1 - WORD_SHARE) / sqrt (sq[1]) : 0;
  for (guint i = 0; i < n; i++)
    w[i] *= scale[group[fid[i]]];
}

/* Centroid of each topic, as postings feature -> (topic, weight) or dense rows. Postings are
 * collected topic by topic, then bucketed by feature (a counting sort), so a feature's topics are
 * in increasing order. */
static void
build_postings (VaRecognizerIndex *self)
{
  g_autofree float *acc = g_new0 (float, MAX (1, self->n_features));
  g_autofree guint32 *touched = g_new (guint32, MAX (1, self->n_features));
  g_autofree guint32 *fill = g_new0 (guint32, self->n_features + 1);
  g_autofree guint32 *pair_feature = NULL;
  g_autofree VaPosting *pairs = NULL;
  guint n_pairs = 0, n_kept = 0, max_pairs = self->phrase_feat_start[self->n_phrases];

  pair_feature = g_new (guint32, MAX (1, max_pairs));
  pairs = g_new (VaPosting, MAX (1, max_pairs));
  for (guint t = 0; t < self->n_topics; t++)
    {
      guint n_touched = 0;
      double sq = 0;
      float scale;

      for (guint p = self->topic_phrase_start[t]; p < self->topic_phrase_start[t + 1]; p++)
        for (guint i = self->phrase_feat_start[p]; i < self->phrase_feat_start[p + 1]; i++)
          {
            guint32 f = self->phrase_fid[i];

            if (acc[f] == 0)
              touched[n_touched++] = f;
            acc[f] += self->phrase_weight[i];
          }
      for (guint i = 0; i < n_touched; i++)
        sq += (double) acc[touched[i]] * acc[touched[i]];
      scale = sq > 0 ? (float) (1.0 / sqrt (sq)) : 0;
      for (guint i = 0; i < n_touched; i++)
        {
          guint32 f = touched[i];

          pair_feature[n_pairs] = f;
          pairs[n_pairs].topic = t;
          pairs[n_pairs].centroid = acc[f] * scale;
          n_pairs++;
          fill[f]++;
          acc[f] = 0;
        }
    }

  self->dense_of = g_new (guint32, MAX (1, self->n_features));
  for (guint f = 0; f < self->n_features; f++)
    {
      self->dense_of[f] = VA_SPARSE;
      if (fill[f] * DENSE_SHARE >= self->n_topics && fill[f] > 1)
        {
          self->dense_of[f] = self->n_dense++;
          fill[f] = 0;
        }
    }
  self->dense_centroid = g_new0 (float, MAX (1, (gsize) self->n_dense * self->stride));
  for (guint i = 0; i < n_pairs; i++)
    {
      guint32 row = self->dense_of[pair_feature[i]];

      if (row != VA_SPARSE)
        self->dense_centroid[(gsize) row * self->stride + pairs[i].topic] = pairs[i].centroid;
      else
        n_kept++;
    }

  self->post_start = g_new (guint32, self->n_features + 1);
  self->post = g_new (VaPosting, MAX (1, n_kept));
  self->post_start[0] = 0;
  for (guint f = 0; f < self->n_features; f++)
    self->post_start[f + 1] = self->post_start[f] + fill[f];
  memcpy (fill, self->post_start, sizeof (guint32) * self->n_features);
  for (guint i = 0; i < n_pairs; i++)
    if (self->dense_of[pair_feature[i]] == VA_SPARSE)
      self->post[fill[pair_feature[i]]++] = pairs[i];
}

static void
index_clear (VaRecognizerIndex *self)
{
  g_free (self->map.keys);
  g_free (self->map.ids);
  g_free (self->idf);
  g_free (self->group);
  g_free (self->dense_of);
  g_free (self->dense_centroid);
  g_free (self->post_start);
  g_free (self->post);
  g_free (self->topic_phrase_start);
  g_free (self->phrase_text);
  g_free (self->phrase_feat_start);
  g_free (self->phrase_fid);
  g_free (self->phrase_weight);
}

/**
 * va_recognizer_index_new:
 * @analyzer: the analyzer of the recognizer's language
 * @n_topics: number of topics
 * @phrases: (array length=n_topics): the %NULL-terminated trigger phrases of each topic; they
 *   must outlive the index
 * @scratch: (element-type VaTextFeature): a scratch array
 *
 * Builds the vocabulary, the inverse document frequencies over all phrases, the phrase vectors
 * and the topic centroids. The index is immutable from then on; it is reference counted so a
 * training thread can keep it alive.
 *
 * Returns: (transfer full): a new index, release with va_recognizer_index_unref()
 */
VaRecognizerIndex *
va_recognizer_index_new (VaTextAnalyzer             *analyzer,
                         guint                       n_topics,
                         const char * const * const *phrases,
                         GArray                     *scratch)
{
  VaRecognizerIndex *self = g_atomic_rc_box_new0 (VaRecognizerIndex);
  g_autoptr (GArray) all = NULL; /* VaTextFeature of every phrase, concatenated */
  g_autofree guint32 *df = NULL;
  g_autofree guint64 *keys = NULL;
  guint p = 0;

  self->n_topics = n_topics;
  self->stride = (n_topics + 7) & ~7u;
  for (guint t = 0; t < n_topics; t++)
    self->n_phrases += g_strv_length ((char **) phrases[t]);

  /* 1. Features of every phrase. */
  all = g_array_sized_new (FALSE, FALSE, sizeof (VaTextFeature), self->n_phrases * 64);
  self->topic_phrase_start = g_new (guint32, n_topics + 1);
  self->phrase_text = g_new (const char *, MAX (1, self->n_phrases));
  self->phrase_feat_start = g_new (guint32, self->n_phrases + 1);
  for (guint t = 0; t < n_topics; t++)
    {
      self->topic_phrase_start[t] = p;
      for (const char * const *ph = phrases[t]; *ph != NULL; ph++, p++)
        {
          guint n = va_text_analyzer_extract (analyzer, *ph, scratch);

          self->phrase_text[p] = *ph;
          self->phrase_feat_start[p] = all->len;
          g_array_append_vals (all, scratch->data, n);
        }
    }
  self->topic_phrase_start[n_topics] = p;
  self->phrase_feat_start[self->n_phrases] = all->len;

  /* 2. Vocabulary and document frequencies. */
  feature_map_init (&self->map, all->len);
  self->phrase_fid = g_new (guint32, MAX (1, all->len));
  self->phrase_weight = g_new (float, MAX (1, all->len));
  keys = g_new (guint64, MAX (1, all->len));
  df = g_new0 (guint32, MAX (1, all->len));
  for (guint i = 0; i < all->len; i++)
    {
      guint64 key = g_array_index (all, VaTextFeature, i).key;
      guint32 *slot = feature_map_slot (&self->map, key);

      if (*slot == 0)
        {
          keys[self->n_features] = key;
          self->map.keys[slot - self->map.ids] = key;
          *slot = ++self->n_features;
        }
      self->phrase_fid[i] = *slot - 1;
      df[self->phrase_fid[i]]++; /* features of one phrase are distinct */
    }

  /* Smoothed idf as scikit-learn computes it, so figures compare with the peer baseline. */
  self->idf = g_new (float, MAX (1, self->n_features));
  self->group = g_new (guint8, MAX (1, self->n_features));
  for (guint f = 0; f < self->n_features; f++)
    {
      self->idf[f] = logf ((1.0f + self->n_phrases) / (1.0f + df[f])) + 1.0f;
      self->group[f] = VA_TEXT_FEATURE_GROUP (keys[f]);
    }
  self->unknown_idf = logf (1.0f + self->n_phrases) + 1.0f;

  /* 3. Unit-length TF-IDF vector of each phrase. */
  for (p = 0; p < self->n_phrases; p++)
    {
      guint s = self->phrase_feat_start[p], e = self->phrase_feat_start[p + 1];
      double sq[VA_TEXT_N_GROUPS] = { 0, 0 };

      for (guint i = s; i < e; i++)
        {
          float w = sublinear_tf (g_array_index (all, VaTextFeature, i).count) *
                    self->idf[self->phrase_fid[i]];

          self->phrase_weight[i] = w;
          sq[self->group[self->phrase_fid[i]]] += (double) w * w;
        }
      normalize_groups (self->group, self->phrase_fid + s, self->phrase_weight + s, e - s, sq);
    }

  build_postings (self);
  return self;
}

/**
 * va_recognizer_index_ref:
 * @self: an index
 *
 * Takes a reference; safe from any thread.
 *
 * Returns: (transfer full): @self
 */
VaRecognizerIndex *
va_recognizer_index_ref (VaRecognizerIndex *self)
{
  return g_atomic_rc_box_acquire (self);
}

/**
 * va_recognizer_index_unref:
 * @self: (nullable): an index
 *
 * Drops a reference; safe from any thread. The last one frees the index.
 */
void
va_recognizer_index_unref (VaRecognizerIndex *self)
{
  if (self != NULL)
    g_atomic_rc_box_release_full (self, (GDestroyNotify) index_clear);
}

/**
 * va_query_clear:
 * @query: a query
 *
 * Frees the buffers of @query.
 */
void
va_query_clear (VaQuery *query)
{
  g_clear_pointer (&query->fid, g_free);
  g_clear_pointer (&query->weight, g_free);
  query->n = query->alloc = 0;
}

/**
 * va_recognizer_index_query:
 * @self: an index
 * @analyzer: the analyzer the index was built with
 * @text: a message
 * @scratch: (element-type VaTextFeature): a scratch array
 * @query: (out caller-allocates): the message's vector
 *
 * Turns @text into a unit-length vector over known features. Features no phrase has still count
 * in the norm: a message made mostly of unknown words is less similar to every topic, which is
 * what the Fallback threshold needs.
 */
void
va_recognizer_index_query (const VaRecognizerIndex *self,
                           VaTextAnalyzer          *analyzer,
                           const char              *text,
                           GArray                  *scratch,
                           VaQuery                 *query)
{
  double sq[VA_TEXT_N_GROUPS] = { 0, 0 };
  guint n;

  n = va_text_analyzer_extract (analyzer, text, scratch);
  if (n > query->alloc)
    {
      query->alloc = MAX (n, 2 * query->alloc);
      query->fid = g_renew (guint32, query->fid, query->alloc);
      query->weight = g_renew (float, query->weight, query->alloc);
    }

  query->n = 0;
  for (guint i = 0; i < n; i++)
    {
      const VaTextFeature *f = &g_array_index (scratch, VaTextFeature, i);
      gint64 fid = self->n_features > 0 ? feature_map_lookup (&self->map, f->key) : -1;
      float w = sublinear_tf (f->count) * (fid >= 0 ? self->idf[fid] : self->unknown_idf);

      sq[VA_TEXT_FEATURE_GROUP (f->key)] += (double) w * w;
      if (fid >= 0)
        {
          query->fid[query->n] = (guint32) fid;
          query->weight[query->n] = w;
          query->n++;
        }
    }
  normalize_groups (self->group, query->fid, query->weight, query->n, sq);
}

/**
 * va_recognizer_softmax:
 * @z: logits, replaced by probabilities
 * @n: their number
 *
 * Softmax of @z in place.
 */
void
va_recognizer_softmax (float *z,
                       guint  n)
{
  float max = -G_MAXFLOAT, sum = 0;

  for (guint t = 0; t < n; t++)
    max = MAX (max, z[t]);
  for (guint t = 0; t < n; t++)
    sum += z[t] = expf (z[t] - max);
  for (guint t = 0; t < n; t++)
    z[t] /= sum;
}

/**
 * va_recognizer_index_score:
 * @self: an index
 * @model: (nullable): a model trained on @self
 * @query: a message's vector
 * @cosine: (array): stride floats, set to the cosine between the message and each centroid
 * @prob: (array): stride floats, set to the model's probability of each topic if @model is set
 *
 * Scores every topic in one pass over the postings and dense rows of the message's features.
 */
void
va_recognizer_index_score (const VaRecognizerIndex *self,
                           const VaRecognizerModel *model,
                           const VaQuery           *query,
                           float                   *cosine,
                           float                   *prob)
{
  guint S = self->stride;

  memset (cosine, 0, sizeof (float) * S);
  if (model != NULL)
    memcpy (prob, model->bias, sizeof (float) * S);
  for (guint i = 0; i < query->n; i++)
    {
      guint32 f = query->fid[i], row = self->dense_of[f];
      float qw = query->weight[i];

      if (row != VA_SPARSE)
        {
          va_row_axpy (cosine, self->dense_centroid + (gsize) row * S, qw, S);
          if (model != NULL)
            va_row_axpy (prob, model->dense_weight + (gsize) row * S, qw, S);
        }
      else if (model != NULL)
        {
          for (guint32 j = self->post_start[f]; j < self->post_start[f + 1]; j++)
            {
              cosine[self->post[j].topic] += qw * self->post[j].centroid;
              prob[self->post[j].topic] += qw * model->weight[j];
            }
        }
      else
        {
          for (guint32 j = self->post_start[f]; j < self->post_start[f + 1]; j++)
            cosine[self->post[j].topic] += qw * self->post[j].centroid;
        }
    }
  if (model != NULL)
    va_recognizer_softmax (prob, self->n_topics);
}

/**
 * va_recognizer_index_best_phrase:
 * @self: an index
 * @query: a message's vector
 * @topic: a topic
 * @dense: n_features floats, all 0; left so
 * @phrase: (out) (optional): the topic's phrase most similar to the message
 *
 * Finds the phrase of @topic nearest to the message.
 *
 * Returns: the cosine between the message and that phrase, 0 if the topic has no phrase
 */
float
va_recognizer_index_best_phrase (const VaRecognizerIndex  *self,
                                 const VaQuery            *query,
                                 guint                     topic,
                                 float                    *dense,
                                 const char              **phrase)
{
  const char *best = NULL;
  float best_score = -1;

  for (guint i = 0; i < query->n; i++)
    dense[query->fid[i]] = query->weight[i];
  for (guint p = self->topic_phrase_start[topic]; p < self->topic_phrase_start[topic + 1]; p++)
    {
      float s = 0;

      for (guint i = self->phrase_feat_start[p]; i < self->phrase_feat_start[p + 1]; i++)
        s += dense[self->phrase_fid[i]] * self->phrase_weight[i];
      if (s > best_score)
        {
          best_score = s;
          best = self->phrase_text[p];
        }
    }
  for (guint i = 0; i < query->n; i++)
    dense[query->fid[i]] = 0;
  if (phrase != NULL)
    *phrase = best;
  return MAX (best_score, 0);
}
