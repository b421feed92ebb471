/* va-recognizer.c — trigger-phrase recognizer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each trigger phrase becomes a TF-IDF vector (sublinear term frequency, scikit-learn's smoothed
 * idf) over two feature families from va-text.c, stemmed words + bigrams and character
 * 2-5-grams, each family L2-normalised on its own. Two scores are combined:
 *
 * - the cosine between the message and the centroid of each topic's phrase vectors, kept as an
 *   inverted index (feature -> topics) so a message only touches topics sharing a feature. It
 *   needs no training, handles any number of topics, and separates out-of-scope messages well;
 * - when the bot is small enough (see MAX_TRAINED_WEIGHTS) and training is on, the probability
 *   of a multinomial logistic regression started from the centroids and refined by a few epochs
 *   of SGD over the phrases. Measured on the validation sets it adds about three points of
 *   accuracy, as a linear model learns which shared words tell two close topics apart.
 *
 * The confidence is the mean of the two, in [0,1].
 */
#include "va-recognizer.h"

#include <math.h>
#include <string.h>

#include "va-text.h"

typedef struct
{
  char  *id;
  GStrv  phrases;
} Topic;

/* Open-addressing map from a 64-bit feature key to a dense feature id. */
typedef struct
{
  guint64 *keys;
  guint32 *ids;  /* feature id + 1; 0 marks an empty slot */
  guint32  mask;
} FeatureMap;

struct _VaRecognizer
{
  GObject         parent_instance;

  char           *language;
  gboolean        trained;
  VaTextAnalyzer *analyzer;
  GPtrArray      *topics;      /* Topic*, in insertion order */
  GHashTable     *topic_index; /* id -> Topic* */
  gboolean        dirty;       /* topics changed since the last build */

  /* The index, valid when !dirty */
  guint           n_topics;
  guint           stride;       /* n_topics rounded up to 8: rows of the model vectorise */
  Topic         **index_topics; /* topics as numbered in the index */
  FeatureMap      map;
  guint           n_features;
  float          *idf;
  guint8         *group;
  float           unknown_idf;  /* idf of a feature no phrase has */
  guint32        *post_start;   /* n_features + 1 */
  guint32        *post_topic;
  float          *post_weight;
  guint32        *topic_phrase_start; /* n_topics + 1: phrases of topic t */
  const char    **phrase_text;
  guint32        *phrase_feat_start;  /* n_phrases + 1 */
  guint32        *phrase_fid;
  float          *phrase_weight;
  float          *weights;      /* linear model, n_features x stride, or NULL */
  float          *bias;         /* stride */

  /* Scratch for one message; the recognizer is not thread-safe */
  GArray         *features;
  guint32        *query_fid;
  float          *query_weight;
  guint           query_alloc;
  float          *scores;       /* stride */
  float          *logits;       /* stride */
  float          *dense;        /* n_features, query weights by feature id, kept zeroed */
};

G_DEFINE_FINAL_TYPE (VaRecognizer, va_recognizer, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_LANGUAGE,
  PROP_TRAINED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Share of the word family in a vector (in squares, so vectors stay unit length): chosen on the
 * validation sets, words weigh a little more than character n-grams. */
#define WORD_SHARE 0.6f

/* The linear model is dense, n_features x topics: above this many weights (32 MB) the build
 * would get slow and big, and the centroids alone are used. About 250 topics x 10 phrases. */
#define MAX_TRAINED_WEIGHTS (8u * 1024 * 1024)

/* Training, chosen on the validation sets: start from the centroids scaled to logits, five
 * shuffled epochs of SGD on the softmax loss with a light L2 penalty. */
#define TRAIN_EPOCHS 5
#define TRAIN_INIT_SCALE 3.0f
#define TRAIN_RATE 2.0f
#define TRAIN_L2 1e-5f
#define TRAIN_BIAS_RATE 0.1f

/* Weight of the centroid cosine in the confidence; the model's probability has the rest. */
#define CENTROID_SHARE 0.5f

static void
topic_free (Topic *topic)
{
  g_free (topic->id);
  g_strfreev (topic->phrases);
  g_free (topic);
}

static void
feature_map_clear (FeatureMap *map)
{
  g_clear_pointer (&map->keys, g_free);
  g_clear_pointer (&map->ids, g_free);
  map->mask = 0;
}

static void
feature_map_init (FeatureMap *map, guint capacity)
{
  guint size = 16;

  while (size < capacity * 2)
    size <<= 1;
  map->keys = g_new (guint64, size);
  map->ids = g_new0 (guint32, size);
  map->mask = size - 1;
}

static inline guint32 *
feature_map_slot (const FeatureMap *map, guint64 key)
{
  guint32 i = (guint32) (key ^ (key >> 32)) & map->mask;

  while (map->ids[i] != 0 && map->keys[i] != key)
    i = (i + 1) & map->mask;
  return &map->ids[i];
}

/* Returns the feature id of @key, or -1. */
static inline gint64
feature_map_lookup (const FeatureMap *map, guint64 key)
{
  guint32 *slot;

  if (map->ids == NULL)
    return -1;
  slot = feature_map_slot (map, key);
  return *slot == 0 ? -1 : (gint64) *slot - 1;
}

static void
clear_index (VaRecognizer *self)
{
  feature_map_clear (&self->map);
  g_clear_pointer (&self->index_topics, g_free);
  g_clear_pointer (&self->idf, g_free);
  g_clear_pointer (&self->group, g_free);
  g_clear_pointer (&self->post_start, g_free);
  g_clear_pointer (&self->post_topic, g_free);
  g_clear_pointer (&self->post_weight, g_free);
  g_clear_pointer (&self->topic_phrase_start, g_free);
  g_clear_pointer (&self->phrase_text, g_free);
  g_clear_pointer (&self->phrase_feat_start, g_free);
  g_clear_pointer (&self->phrase_fid, g_free);
  g_clear_pointer (&self->phrase_weight, g_free);
  g_clear_pointer (&self->scores, g_free);
  g_clear_pointer (&self->dense, g_free);
  g_clear_pointer (&self->weights, g_free);
  g_clear_pointer (&self->bias, g_free);
  g_clear_pointer (&self->logits, g_free);
  self->n_topics = 0;
  self->n_features = 0;
}

static void
va_recognizer_finalize (GObject *object)
{
  VaRecognizer *self = VA_RECOGNIZER (object);

  clear_index (self);
  g_clear_pointer (&self->topic_index, g_hash_table_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->analyzer, va_text_analyzer_free);
  g_clear_pointer (&self->features, g_array_unref);
  g_clear_pointer (&self->query_fid, g_free);
  g_clear_pointer (&self->query_weight, g_free);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (va_recognizer_parent_class)->finalize (object);
}

static void
va_recognizer_constructed (GObject *object)
{
  VaRecognizer *self = VA_RECOGNIZER (object);

  G_OBJECT_CLASS (va_recognizer_parent_class)->constructed (object);

  self->analyzer = va_text_analyzer_new (self->language);
}

static void
va_recognizer_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VaRecognizer *self = VA_RECOGNIZER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    case PROP_TRAINED:
      g_value_set_boolean (value, self->trained);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_recognizer_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VaRecognizer *self = VA_RECOGNIZER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_free (self->language);
      self->language = g_value_dup_string (value);
      break;

    case PROP_TRAINED:
      va_recognizer_set_trained (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_recognizer_class_init (VaRecognizerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = va_recognizer_finalize;
  object_class->constructed = va_recognizer_constructed;
  object_class->get_property = va_recognizer_get_property;
  object_class->set_property = va_recognizer_set_property;

  /**
   * VaRecognizer:language:
   *
   * Language of the trigger phrases, an ISO 639 code such as "en"; it selects the stemmer.
   * Unknown languages are matched without stemming.
   */
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL,
                         "en",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * VaRecognizer:trained:
   *
   * Whether va_recognizer_build() refines the topic centroids with a linear model trained on
   * the phrases (bots up to about 250 topics x 10 phrases; bigger ones use the centroids). It
   * is about three points more accurate and makes a build several times slower.
   */
  properties[PROP_TRAINED] =
    g_param_spec_boolean ("trained", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_recognizer_init (VaRecognizer *self)
{
  self->topics = g_ptr_array_new_with_free_func ((GDestroyNotify) topic_free);
  self->topic_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->features = g_array_new (FALSE, FALSE, sizeof (VaTextFeature));
  self->dirty = TRUE;
  self->trained = TRUE;
}

/**
 * va_recognizer_new:
 * @language: (nullable): language of the trigger phrases, e.g. "en"
 *
 * Creates an empty recognizer. @language selects the Snowball stemmer; an unknown or %NULL
 * language works without stemming. A recognizer keeps scratch buffers, so use it from one
 * thread at a time.
 *
 * Returns: (transfer full): a new #VaRecognizer
 */
VaRecognizer *
va_recognizer_new (const char *language)
{
  return g_object_new (VA_TYPE_RECOGNIZER, "language", language, NULL);
}

/**
 * va_recognizer_get_language:
 * @self: a #VaRecognizer
 *
 * Gets the language given at construction.
 *
 * Returns: (nullable): the language code
 */
const char *
va_recognizer_get_language (VaRecognizer *self)
{
  g_return_val_if_fail (VA_IS_RECOGNIZER (self), NULL);

  return self->language;
}

/**
 * va_recognizer_get_trained:
 * @self: a #VaRecognizer
 *
 * Gets whether builds train the linear model, see #VaRecognizer:trained.
 *
 * Returns: %TRUE if training is on
 */
gboolean
va_recognizer_get_trained (VaRecognizer *self)
{
  g_return_val_if_fail (VA_IS_RECOGNIZER (self), FALSE);

  return self->trained;
}

/**
 * va_recognizer_set_trained:
 * @self: a #VaRecognizer
 * @trained: whether builds train the linear model
 *
 * Turns training on or off, see #VaRecognizer:trained. The next ranking rebuilds the index.
 */
void
va_recognizer_set_trained (VaRecognizer *self,
                           gboolean      trained)
{
  g_return_if_fail (VA_IS_RECOGNIZER (self));

  trained = !!trained;
  if (self->trained == trained)
    return;
  self->trained = trained;
  self->dirty = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAINED]);
}

/**
 * va_recognizer_add_topic:
 * @self: a #VaRecognizer
 * @topic_id: the topic's identifier
 * @phrases: (nullable) (array zero-terminated=1): its trigger phrases; %NULL or empty is allowed
 *   and gives a topic that never matches
 *
 * Adds a topic, or replaces the phrases of the topic with the same id. The index is rebuilt by
 * the next va_recognizer_build() or, lazily, by the next ranking. Match pointers handed out
 * before stay valid only until that rebuild.
 */
void
va_recognizer_add_topic (VaRecognizer       *self,
                         const char         *topic_id,
                         const char * const *phrases)
{
  Topic *topic;

  g_return_if_fail (VA_IS_RECOGNIZER (self));
  g_return_if_fail (topic_id != NULL);

  topic = g_hash_table_lookup (self->topic_index, topic_id);
  if (topic == NULL)
    {
      topic = g_new0 (Topic, 1);
      topic->id = g_strdup (topic_id);
      g_ptr_array_add (self->topics, topic);
      g_hash_table_insert (self->topic_index, topic->id, topic);
    }
  else
    {
      /* The index points into the old phrases: drop it before freeing them. */
      clear_index (self);
      g_clear_pointer (&topic->phrases, g_strfreev);
    }
  topic->phrases = phrases != NULL ? g_strdupv ((char **) phrases) : g_new0 (char *, 1);
  self->dirty = TRUE;
}

/**
 * va_recognizer_remove_topic:
 * @self: a #VaRecognizer
 * @topic_id: the topic's identifier
 *
 * Removes a topic; the index is rebuilt as after va_recognizer_add_topic().
 *
 * Returns: %TRUE if the topic existed
 */
gboolean
va_recognizer_remove_topic (VaRecognizer *self,
                            const char   *topic_id)
{
  Topic *topic;

  g_return_val_if_fail (VA_IS_RECOGNIZER (self), FALSE);
  g_return_val_if_fail (topic_id != NULL, FALSE);

  topic = g_hash_table_lookup (self->topic_index, topic_id);
  if (topic == NULL)
    return FALSE;
  clear_index (self);
  g_hash_table_remove (self->topic_index, topic_id);
  g_ptr_array_remove (self->topics, topic);
  self->dirty = TRUE;
  return TRUE;
}

/**
 * va_recognizer_get_n_topics:
 * @self: a #VaRecognizer
 *
 * Counts the topics added, with or without phrases.
 *
 * Returns: the number of topics
 */
guint
va_recognizer_get_n_topics (VaRecognizer *self)
{
  g_return_val_if_fail (VA_IS_RECOGNIZER (self), 0);

  return self->topics->len;
}

static inline float
sublinear_tf (float count)
{
  return 1.0f + logf (count);
}

/* Scales the word and character parts of a vector to norms WORD_SHARE and 1 - WORD_SHARE in
 * squares, so the two families weigh as set whatever their number of features. */
static void
normalize_groups (const guint8 *group, const guint32 *fid, float *w, guint n)
{
  double sq[VA_TEXT_N_GROUPS] = { 0, 0 };
  float scale[VA_TEXT_N_GROUPS];

  for (guint i = 0; i < n; i++)
    sq[group[fid[i]]] += (double) w[i] * w[i];
  scale[VA_TEXT_GROUP_WORD] = sq[0] > 0 ? sqrtf (WORD_SHARE) / sqrt (sq[0]) : 0;
  scale[VA_TEXT_GROUP_CHAR] = sq[1] > 0 ? sqrtf (1 - WORD_SHARE) / sqrt (sq[1]) : 0;
  for (guint i = 0; i < n; i++)
    w[i] *= scale[group[fid[i]]];
}

/* Rows of the model are padded to a multiple of 8 floats, processed 8 at a time with GCC/Clang
 * vector extensions: the model's loops are most of a trained build and of a query. */
#if defined(__GNUC__)
typedef float VaFloat8 __attribute__ ((vector_size (32), aligned (4), may_alias));

static inline void
row_axpy (float *y, const float *row, float a, guint n8)
{
  for (guint t = 0; t < n8; t += 8)
    *(VaFloat8 *) (y + t) += a * *(const VaFloat8 *) (row + t);
}

static inline void
row_update (float *row, const float *g, float a, float decay, guint n8)
{
  for (guint t = 0; t < n8; t += 8)
    *(VaFloat8 *) (row + t) = *(VaFloat8 *) (row + t) * decay + a * *(const VaFloat8 *) (g + t);
}
#else
static inline void
row_axpy (float *y, const float *row, float a, guint n8)
{
  for (guint t = 0; t < n8; t++)
    y[t] += a * row[t];
}

static inline void
row_update (float *row, const float *g, float a, float decay, guint n8)
{
  for (guint t = 0; t < n8; t++)
    row[t] = row[t] * decay + a * g[t];
}
#endif

/* Softmax of @z[0 .. n) in place; padding entries are left alone. */
static void
softmax (float *z, guint n)
{
  float max = -G_MAXFLOAT, sum = 0;

  for (guint t = 0; t < n; t++)
    max = MAX (max, z[t]);
  for (guint t = 0; t < n; t++)
    sum += z[t] = expf (z[t] - max);
  for (guint t = 0; t < n; t++)
    z[t] /= sum;
}

/* Multinomial logistic regression over the phrase vectors, started from the centroids (which
 * are already a good linear model) so that few epochs suffice. */
static void
train_model (VaRecognizer *self, guint n_phrases)
{
  guint T = self->n_topics, S = self->stride;
  g_autofree guint32 *topic_of = g_new (guint32, MAX (1, n_phrases));
  g_autofree guint32 *order = g_new (guint32, MAX (1, n_phrases));
  g_autofree float *grad = g_new0 (float, S);
  g_autoptr (GRand) rand = g_rand_new_with_seed (1); /* same bot, same model */
  gsize step = 0;

  self->weights = g_new0 (float, (gsize) self->n_features * S);
  self->bias = g_new0 (float, S);
  for (guint f = 0; f < self->n_features; f++)
    for (guint32 j = self->post_start[f]; j < self->post_start[f + 1]; j++)
      self->weights[(gsize) f * S + self->post_topic[j]] = TRAIN_INIT_SCALE * self->post_weight[j];
  for (guint t = 0; t < T; t++)
    for (guint p = self->topic_phrase_start[t]; p < self->topic_phrase_start[t + 1]; p++)
      topic_of[p] = t;
  for (guint p = 0; p < n_phrases; p++)
    order[p] = p;

  for (guint epoch = 0; epoch < TRAIN_EPOCHS; epoch++)
    {
      for (guint p = n_phrases; p > 1; p--)
        {
          guint j = g_rand_int_range (rand, 0, p);
          guint32 tmp = order[p - 1];

          order[p - 1] = order[j];
          order[j] = tmp;
        }
      for (guint k = 0; k < n_phrases; k++, step++)
        {
          guint p = order[k];
          guint s = self->phrase_feat_start[p], e = self->phrase_feat_start[p + 1];
          float rate = TRAIN_RATE / (1 + TRAIN_RATE * TRAIN_L2 * step);

          memcpy (grad, self->bias, sizeof (float) * S);
          for (guint i = s; i < e; i++)
            row_axpy (grad, self->weights + (gsize) self->phrase_fid[i] * S,
                      self->phrase_weight[i], S);
          softmax (grad, T);
          grad[topic_of[p]] -= 1; /* gradient of the loss w.r.t. the logits: p - y */
          for (guint t = 0; t < T; t++)
            grad[t] *= -rate;
          for (guint i = s; i < e; i++)
            row_update (self->weights + (gsize) self->phrase_fid[i] * S, grad,
                        self->phrase_weight[i], 1 - rate * TRAIN_L2, S);
          for (guint t = 0; t < T; t++)
            self->bias[t] += TRAIN_BIAS_RATE * grad[t];
        }
    }
}


/**
 * va_recognizer_build:
 * @self: a #VaRecognizer
 *
 * Builds the index from the topics added so far: feature vocabulary, inverse document
 * frequencies over all phrases, one centroid per topic in an inverted index and, if
 * #VaRecognizer:trained, the linear model. Ranking also builds lazily when topics changed, and
 * building again after topics were added, replaced or removed is fine.
 */
void
va_recognizer_build (VaRecognizer *self)
{
  g_autoptr (GArray) all = NULL;     /* VaTextFeature of every phrase, concatenated */
  g_autofree guint32 *df = NULL;
  g_autofree guint32 *post_count = NULL;
  g_autofree float *acc = NULL;
  g_autofree guint32 *touched = NULL;
  guint n_phrases = 0, p, n_post;
  guint32 *feat_of = NULL;
  guint64 *keys;

  g_return_if_fail (VA_IS_RECOGNIZER (self));

  clear_index (self);

  self->n_topics = self->topics->len;
  self->index_topics = g_new (Topic *, MAX (1, self->n_topics));
  for (guint t = 0; t < self->n_topics; t++)
    {
      self->index_topics[t] = g_ptr_array_index (self->topics, t);
      n_phrases += g_strv_length (self->index_topics[t]->phrases);
    }

  /* 1. Features of every phrase. */
  all = g_array_sized_new (FALSE, FALSE, sizeof (VaTextFeature), n_phrases * 64);
  self->topic_phrase_start = g_new (guint32, self->n_topics + 1);
  self->phrase_text = g_new (const char *, MAX (1, n_phrases));
  self->phrase_feat_start = g_new (guint32, n_phrases + 1);
  p = 0;
  for (guint t = 0; t < self->n_topics; t++)
    {
      self->topic_phrase_start[t] = p;
      for (char **ph = self->index_topics[t]->phrases; *ph != NULL; ph++, p++)
        {
          guint n = va_text_analyzer_extract (self->analyzer, *ph, self->features);

          self->phrase_text[p] = *ph;
          self->phrase_feat_start[p] = all->len;
          g_array_append_vals (all, self->features->data, n);
        }
    }
  self->topic_phrase_start[self->n_topics] = p;
  self->phrase_feat_start[n_phrases] = all->len;

  /* 2. Vocabulary and document frequencies. */
  feature_map_init (&self->map, all->len);
  feat_of = self->phrase_fid = g_new (guint32, MAX (1, all->len));
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
      feat_of[i] = *slot - 1;
      df[feat_of[i]]++; /* features of one phrase are distinct */
    }

  /* Smoothed idf as scikit-learn computes it, so figures compare with the peer baseline. */
  self->idf = g_new (float, MAX (1, self->n_features));
  self->group = g_new (guint8, MAX (1, self->n_features));
  for (guint f = 0; f < self->n_features; f++)
    {
      self->idf[f] = logf ((1.0f + n_phrases) / (1.0f + df[f])) + 1.0f;
      self->group[f] = VA_TEXT_FEATURE_GROUP (keys[f]);
    }
  self->unknown_idf = logf (1.0f + n_phrases) + 1.0f;
  g_free (keys);

  /* 3. Unit-length TF-IDF vector of each phrase. */
  for (p = 0; p < n_phrases; p++)
    {
      guint s = self->phrase_feat_start[p], e = self->phrase_feat_start[p + 1];

      for (guint i = s; i < e; i++)
        self->phrase_weight[i] = sublinear_tf (g_array_index (all, VaTextFeature, i).count) *
                                 self->idf[feat_of[i]];
      normalize_groups (self->group, feat_of + s, self->phrase_weight + s, e - s);
    }

  /* 4. Centroid of each topic, as postings feature -> (topic, weight). Postings are collected
   * topic by topic, then bucketed by feature (a counting sort), so a feature's topics are in
   * increasing order. */
  acc = g_new0 (float, MAX (1, self->n_features));
  touched = g_new (guint32, MAX (1, self->n_features));
  post_count = g_new0 (guint32, self->n_features + 1);
  {
    g_autoptr (GArray) triples = g_array_sized_new (FALSE, FALSE, sizeof (guint32) * 2,
                                                    all->len);
    g_autoptr (GArray) weights = g_array_sized_new (FALSE, FALSE, sizeof (float), all->len);

    for (guint t = 0; t < self->n_topics; t++)
      {
        guint n_touched = 0;
        double sq = 0;
        float scale;

        for (p = self->topic_phrase_start[t]; p < self->topic_phrase_start[t + 1]; p++)
          for (guint i = self->phrase_feat_start[p]; i < self->phrase_feat_start[p + 1]; i++)
            {
              guint32 f = feat_of[i];

              if (acc[f] == 0)
                touched[n_touched++] = f;
              acc[f] += self->phrase_weight[i];
            }
        for (guint i = 0; i < n_touched; i++)
          sq += (double) acc[touched[i]] * acc[touched[i]];
        scale = sq > 0 ? (float) (1.0 / sqrt (sq)) : 0;
        for (guint i = 0; i < n_touched; i++)
          {
            guint32 pair[2] = { touched[i], t };
            float w = acc[touched[i]] * scale;

            g_array_append_val (triples, pair);
            g_array_append_val (weights, w);
            post_count[touched[i]]++;
            acc[touched[i]] = 0;
          }
      }

    n_post = triples->len;
    self->post_start = g_new (guint32, self->n_features + 1);
    self->post_topic = g_new (guint32, MAX (1, n_post));
    self->post_weight = g_new (float, MAX (1, n_post));
    self->post_start[0] = 0;
    for (guint f = 0; f < self->n_features; f++)
      self->post_start[f + 1] = self->post_start[f] + post_count[f];
    memcpy (post_count, self->post_start, sizeof (guint32) * self->n_features);
    for (guint i = 0; i < n_post; i++)
      {
        const guint32 *pair = &g_array_index (triples, guint32, 2 * i);
        guint32 at = post_count[pair[0]]++;

        self->post_topic[at] = pair[1];
        self->post_weight[at] = g_array_index (weights, float, i);
      }
  }

  self->stride = (self->n_topics + 7) & ~7u;
  self->scores = g_new0 (float, MAX (8, self->stride));
  self->logits = g_new0 (float, MAX (8, self->stride));
  self->dense = g_new0 (float, MAX (1, self->n_features));
  if (self->trained && self->n_topics > 1 &&
      (gsize) self->n_features * self->stride <= MAX_TRAINED_WEIGHTS)
    train_model (self, n_phrases);
  self->dirty = FALSE;
}

/* Turns @text into a unit-length query vector over known features. Features no phrase has
 * still count in the norm: a message made mostly of unknown words is less similar to every
 * topic, which is what the Fallback threshold needs. */
static guint
analyze_query (VaRecognizer *self, const char *text)
{
  double sq[VA_TEXT_N_GROUPS] = { 0, 0 };
  float scale[VA_TEXT_N_GROUPS];
  guint n, k = 0;

  n = va_text_analyzer_extract (self->analyzer, text, self->features);
  if (n > self->query_alloc)
    {
      self->query_alloc = MAX (n, 2 * self->query_alloc);
      self->query_fid = g_renew (guint32, self->query_fid, self->query_alloc);
      self->query_weight = g_renew (float, self->query_weight, self->query_alloc);
    }

  for (guint i = 0; i < n; i++)
    {
      const VaTextFeature *f = &g_array_index (self->features, VaTextFeature, i);
      gint64 fid = feature_map_lookup (&self->map, f->key);
      float w = sublinear_tf (f->count) * (fid >= 0 ? self->idf[fid] : self->unknown_idf);

      sq[VA_TEXT_FEATURE_GROUP (f->key)] += (double) w * w;
      if (fid >= 0)
        {
          self->query_fid[k] = (guint32) fid;
          self->query_weight[k] = w;
          k++;
        }
    }
  scale[VA_TEXT_GROUP_WORD] = sq[0] > 0 ? sqrtf (WORD_SHARE) / sqrt (sq[0]) : 0;
  scale[VA_TEXT_GROUP_CHAR] = sq[1] > 0 ? sqrtf (1 - WORD_SHARE) / sqrt (sq[1]) : 0;
  for (guint i = 0; i < k; i++)
    self->query_weight[i] *= scale[self->group[self->query_fid[i]]];
  return k;
}

/* The phrase of topic @t most similar to the query in self->query_*. */
static const char *
best_phrase (VaRecognizer *self, guint t, guint n_query)
{
  const char *best = NULL;
  float best_score = -1;

  for (guint i = 0; i < n_query; i++)
    self->dense[self->query_fid[i]] = self->query_weight[i];
  for (guint p = self->topic_phrase_start[t]; p < self->topic_phrase_start[t + 1]; p++)
    {
      float s = 0;

      for (guint i = self->phrase_feat_start[p]; i < self->phrase_feat_start[p + 1]; i++)
        s += self->dense[self->phrase_fid[i]] * self->phrase_weight[i];
      if (s > best_score)
        {
          best_score = s;
          best = self->phrase_text[p];
        }
    }
  for (guint i = 0; i < n_query; i++)
    self->dense[self->query_fid[i]] = 0;
  return best;
}

/**
 * va_recognizer_rank:
 * @self: a #VaRecognizer
 * @text: (nullable): the user's message; any bytes (invalid UTF-8 is replaced, only the first
 *   4 KiB are read)
 * @out: (out caller-allocates) (array length=max_out): the best topics, best first
 * @max_out: size of @out
 *
 * Scores every topic against @text and returns the best ones with a score above 0 (none when
 * the message has no feature in common with any phrase) and at least one phrase. The
 * score, in [0,1], is the mean of the cosine between the message and the topic's centroid and,
 * when the model is trained, the model's probability of the topic. Builds the index first if
 * topics changed since the last build.
 *
 * Returns: the number of matches written to @out
 */
guint
va_recognizer_rank (VaRecognizer      *self,
                    const char        *text,
                    VaRecognizerMatch *out,
                    guint              max_out)
{
  guint n_query, n_out = 0;
  guint32 top_stack[16];
  g_autofree guint32 *top_heap = NULL;
  guint32 *top;
  float *scores;

  g_return_val_if_fail (VA_IS_RECOGNIZER (self), 0);
  g_return_val_if_fail (out != NULL || max_out == 0, 0);

  if (self->dirty)
    va_recognizer_build (self);
  if (text == NULL || max_out == 0 || self->n_topics == 0)
    return 0;

  n_query = analyze_query (self, text);
  if (n_query == 0)
    return 0;

  scores = self->scores;
  memset (scores, 0, sizeof (float) * self->n_topics);
  for (guint i = 0; i < n_query; i++)
    {
      guint32 f = self->query_fid[i];
      float qw = self->query_weight[i];

      for (guint32 j = self->post_start[f]; j < self->post_start[f + 1]; j++)
        scores[self->post_topic[j]] += qw * self->post_weight[j];
    }

  if (self->weights != NULL)
    {
      float *z = self->logits;

      memcpy (z, self->bias, sizeof (float) * self->stride);
      for (guint i = 0; i < n_query; i++)
        row_axpy (z, self->weights + (gsize) self->query_fid[i] * self->stride,
                  self->query_weight[i], self->stride);
      softmax (z, self->n_topics);
      for (guint t = 0; t < self->n_topics; t++)
        scores[t] = CENTROID_SHARE * scores[t] + (1 - CENTROID_SHARE) * z[t];
    }

  /* Keep the best max_out by insertion: max_out is a handful, topics are thousands. */
  top = max_out <= G_N_ELEMENTS (top_stack) ? top_stack : (top_heap = g_new (guint32, max_out));
  for (guint t = 0; t < self->n_topics; t++)
    {
      float s = scores[t];
      guint at;

      if (s <= 0 || (n_out == max_out && s <= scores[top[n_out - 1]]))
        continue;
      /* A topic without phrases gets some probability from the model but must never match. */
      if (self->topic_phrase_start[t] == self->topic_phrase_start[t + 1])
        continue;
      at = n_out < max_out ? n_out++ : n_out - 1;
      while (at > 0 && scores[top[at - 1]] < s)
        {
          top[at] = top[at - 1];
          at--;
        }
      top[at] = t;
    }

  for (guint i = 0; i < n_out; i++)
    {
      out[i].topic_id = self->index_topics[top[i]]->id;
      out[i].score = CLAMP (scores[top[i]], 0.0, 1.0);
      out[i].phrase = best_phrase (self, top[i], n_query);
    }
  return n_out;
}

/**
 * va_recognizer_decide:
 * @self: a #VaRecognizer
 * @text: (nullable): the user's message
 * @threshold: minimum score for a topic to trigger, e.g. va_recognizer_default_threshold()
 * @margin: lead the best topic needs over the second to start alone, e.g.
 *   va_recognizer_default_margin(); 0 never asks
 * @out: (out caller-allocates) (array length=max_out) (nullable): the matched topic, or the
 *   candidates to offer, best first
 * @max_out: size of @out
 * @n_out: (out) (optional): number of matches written to @out
 *
 * Decides what the bot does with @text. Fallback when no topic reaches @threshold; Multiple
 * topics matched when the second topic also reaches it and is less than @margin behind the
 * first (@out then holds every topic within @margin of the first, up to @max_out); otherwise
 * Match, with the topic in @out.
 *
 * Returns: the decision
 */
VaRecognitionKind
va_recognizer_decide (VaRecognizer      *self,
                      const char        *text,
                      double             threshold,
                      double             margin,
                      VaRecognizerMatch *out,
                      guint              max_out,
                      guint             *n_out)
{
  VaRecognizerMatch best[8];
  guint n, keep = 0;
  VaRecognitionKind kind;

  if (n_out != NULL)
    *n_out = 0;
  g_return_val_if_fail (VA_IS_RECOGNIZER (self), VA_RECOGNITION_FALLBACK);
  g_return_val_if_fail (out != NULL || max_out == 0, VA_RECOGNITION_FALLBACK);

  n = va_recognizer_rank (self, text, best, MAX (2, MIN (max_out, G_N_ELEMENTS (best))));
  if (n == 0 || best[0].score < threshold)
    return VA_RECOGNITION_FALLBACK;

  if (n >= 2 && best[1].score >= threshold && best[0].score - best[1].score < margin)
    {
      kind = VA_RECOGNITION_MULTIPLE;
      while (keep < n && keep < max_out && best[keep].score >= threshold &&
             best[0].score - best[keep].score < margin)
        keep++;
    }
  else
    {
      kind = VA_RECOGNITION_MATCH;
      keep = MIN (1, max_out);
    }

  for (guint i = 0; i < keep; i++)
    out[i] = best[i];
  if (n_out != NULL)
    *n_out = keep;
  return kind;
}

/**
 * va_recognizer_default_threshold:
 *
 * The Fallback threshold: the score that maximised accuracy (out of scope counted as one more
 * class) on the validation set of BANKING77-OOS with 10 phrases per topic, 0.138 with a trained
 * model, rounded. Without the model (#VaRecognizer:trained off, or a very large bot) scores are
 * plain cosines and the same procedure gives 0.165.
 *
 * Returns: the default threshold
 */
double
va_recognizer_default_threshold (void)
{
  return 0.14;
}

/**
 * va_recognizer_default_margin:
 *
 * The lead under which decide() reports Multiple topics matched: on the validation sets of
 * BANKING77, HWU64 and BANKING77-OOS, margins of 0.013-0.017 make one in-scope message in ten ask
 * "Did you mean", the ones most likely to be wrong.
 *
 * Returns: the default margin
 */
double
va_recognizer_default_margin (void)
{
  return 0.015;
}
