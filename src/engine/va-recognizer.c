/* va-recognizer.c — trigger-phrase recognizer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each trigger phrase becomes a TF-IDF vector over stemmed words + bigrams and character
 * 2-4-grams (va-text.c, va-recognizer-index.c). Two scores are combined:
 *
 * - the cosine between the message and the centroid of each topic's phrase vectors, kept as an
 *   inverted index (feature -> topics) so a message only touches topics sharing a feature. It
 *   needs no training, handles any number of topics, and separates out-of-scope messages well;
 * - when the bot is small enough and training is on, the probability of a multinomial logistic
 *   regression started from the centroids and refined by a few epochs of SGD over the phrases
 *   (va-recognizer-train.c). Measured on the validation sets it adds two to three points of
 *   accuracy, as a linear model learns which shared words tell two close topics apart.
 *
 * The confidence is the mean of the two, in [0,1].
 *
 * Threads: a recognizer is used from one thread. va_recognizer_build_async() trains the model in
 * a worker thread that only reads the index (immutable, reference counted) and fills a model of
 * its own; the model is swapped in on the calling thread's main context, so ranking never sees a
 * half-trained model and never takes a lock.
 */
#include "va-recognizer.h"

#include <math.h>
#include <string.h>

#include "va-recognizer-index.h"
#include "va-recognizer-train.h"
#include "va-text.h"

typedef struct
{
  char  *id;
  GStrv  phrases;
} Topic;

struct _VaRecognizer
{
  GObject            parent_instance;

  char              *language;
  gboolean           trained;
  VaTextAnalyzer    *analyzer;
  GPtrArray         *topics;      /* Topic*, in insertion order */
  GHashTable        *topic_index; /* id -> Topic* */
  gboolean           dirty;       /* topics changed since the last build */

  /* The index, valid when !dirty */
  VaRecognizerIndex *index;
  Topic            **index_topics; /* topics as numbered in the index */
  VaRecognizerModel *model;        /* trained on index, or NULL: centroids alone */
  GCancellable      *training;     /* the worker training a model for index, or NULL */

  /* Scratch for one message */
  GArray            *features;
  VaQuery            query;
  float             *scores;       /* stride */
  float             *prob;         /* stride */
  float             *dense;        /* n_features, kept zeroed */
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

/* Weight of the centroid cosine in the confidence; the model's probability has the rest. On the
 * validation sets 0.35 and 0.5 were within noise for accuracy, 0.5 separated out-of-scope
 * messages better (BANKING77-OOS F1 86.0 vs 81.3). */
#define CENTROID_SHARE 0.5f

static void
topic_free (Topic *topic)
{
  g_free (topic->id);
  g_strfreev (topic->phrases);
  g_free (topic);
}

static void
clear_index (VaRecognizer *self)
{
  if (self->training != NULL)
    g_cancellable_cancel (self->training);
  g_clear_object (&self->training);
  g_clear_pointer (&self->model, va_recognizer_model_free);
  g_clear_pointer (&self->index, va_recognizer_index_unref);
  g_clear_pointer (&self->index_topics, g_free);
  g_clear_pointer (&self->scores, g_free);
  g_clear_pointer (&self->prob, g_free);
  g_clear_pointer (&self->dense, g_free);
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
  va_query_clear (&self->query);
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
   * the phrases (bots up to about 500 topics x 10 phrases; bigger ones use the centroids). It
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

/* Builds the index of the current topics, untrained; the recognizer answers with the centroids
 * until a model is set. */
static void
build_index (VaRecognizer *self)
{
  g_autofree const char * const **phrases = NULL;
  guint n_topics;

  clear_index (self);

  n_topics = self->topics->len;
  self->index_topics = g_new (Topic *, MAX (1, n_topics));
  phrases = g_new (const char * const *, MAX (1, n_topics));
  for (guint t = 0; t < n_topics; t++)
    {
      self->index_topics[t] = g_ptr_array_index (self->topics, t);
      phrases[t] = (const char * const *) self->index_topics[t]->phrases;
    }
  self->index = va_recognizer_index_new (self->analyzer, n_topics, phrases, self->features);
  self->scores = g_new0 (float, MAX (8, self->index->stride));
  self->prob = g_new0 (float, MAX (8, self->index->stride));
  self->dense = g_new0 (float, MAX (1, self->index->n_features));
  self->dirty = FALSE;
}

static gboolean
wants_model (VaRecognizer *self)
{
  return self->trained && va_recognizer_index_can_train (self->index);
}

/**
 * va_recognizer_build:
 * @self: a #VaRecognizer
 *
 * Builds the index from the topics added so far: feature vocabulary, inverse document
 * frequencies over all phrases, one centroid per topic in an inverted index and, if
 * #VaRecognizer:trained, the linear model, all before returning. Ranking also builds lazily when
 * topics changed, and building again after topics were added, replaced or removed is fine. See
 * va_recognizer_build_async() to train without blocking.
 */
void
va_recognizer_build (VaRecognizer *self)
{
  g_return_if_fail (VA_IS_RECOGNIZER (self));

  build_index (self);
  if (wants_model (self))
    self->model = va_recognizer_model_train (self->index, NULL);
}

static void
train_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  VaRecognizerModel *model = va_recognizer_model_train (task_data, cancellable);

  if (model == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Training cancelled");
  else
    g_task_return_pointer (task, model, (GDestroyNotify) va_recognizer_model_free);
}

/* On the caller's main context: adopts the model if it was trained on the current index. */
static void
on_trained (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  VaRecognizer *self = VA_RECOGNIZER (source_object);
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  VaRecognizerIndex *trained_on = g_task_get_task_data (G_TASK (result));
  VaRecognizerModel *model = g_task_propagate_pointer (G_TASK (result), &error);

  if (trained_on == self->index && g_task_get_cancellable (G_TASK (result)) == self->training)
    g_clear_object (&self->training);
  if (model == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (trained_on != self->index || g_task_return_error_if_cancelled (task))
    {
      va_recognizer_model_free (model);
      if (!g_task_had_error (task))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 "Topics changed during training");
      return;
    }
  g_clear_pointer (&self->model, va_recognizer_model_free);
  self->model = model;
  g_task_return_boolean (task, TRUE);
}

/**
 * va_recognizer_build_async:
 * @self: a #VaRecognizer
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the model is in use
 * @user_data: data for @callback
 *
 * Builds the index like va_recognizer_build(), but trains the linear model in a worker thread:
 * the index is built before this returns, and until the model is ready ranking uses the
 * centroids alone (a little less accurate, never wrong). The model is swapped in on the
 * thread-default main context of the caller, just before @callback. Changing the topics or
 * building again meanwhile abandons this training, and @callback gets %G_IO_ERROR_CANCELLED.
 */
void
va_recognizer_build_async (VaRecognizer        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) worker = NULL;

  g_return_if_fail (VA_IS_RECOGNIZER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, va_recognizer_build_async);
  build_index (self);
  if (!wants_model (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* The worker has its own cancellable, cancelled when this index is dropped. */
  self->training = g_cancellable_new ();
  worker = g_task_new (self, self->training, on_trained, g_steal_pointer (&task));
  g_task_set_source_tag (worker, va_recognizer_build_async);
  g_task_set_task_data (worker, va_recognizer_index_ref (self->index),
                        (GDestroyNotify) va_recognizer_index_unref);
  g_task_run_in_thread (worker, train_in_thread);
}

/**
 * va_recognizer_build_finish:
 * @self: a #VaRecognizer
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Finishes va_recognizer_build_async().
 *
 * Returns: %TRUE if the index is built and, when training is on and the bot small enough, the
 *   model is in use; %FALSE with %G_IO_ERROR_CANCELLED if the build was cancelled or superseded
 */
gboolean
va_recognizer_build_finish (VaRecognizer  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (VA_IS_RECOGNIZER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * va_recognizer_get_model_ready:
 * @self: a #VaRecognizer
 *
 * Tells whether ranking uses the trained model now, rather than the centroids alone.
 *
 * Returns: %TRUE if a trained model is in use
 */
gboolean
va_recognizer_get_model_ready (VaRecognizer *self)
{
  g_return_val_if_fail (VA_IS_RECOGNIZER (self), FALSE);

  return !self->dirty && self->model != NULL;
}

/* Inserts topic @t with score @s into @top, best first, keeping at most @max entries. */
static guint
top_insert (guint32 *top, const float *scores, guint n, guint max, guint32 t, float s)
{
  guint at;

  if (n == max && s <= scores[top[n - 1]])
    return n;
  at = n < max ? n++ : n - 1;
  while (at > 0 && scores[top[at - 1]] < s)
    {
      top[at] = top[at - 1];
      at--;
    }
  top[at] = t;
  return n;
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
 * when the model is trained, the model's probability of the topic; the cosine alone otherwise.
 * Builds the index first, with va_recognizer_build(), if topics changed since the last build.
 *
 * Returns: the number of matches written to @out
 */
guint
va_recognizer_rank (VaRecognizer      *self,
                    const char        *text,
                    VaRecognizerMatch *out,
                    guint              max_out)
{
  const VaRecognizerIndex *index;
  guint n_top = 0;
  guint32 top_stack[16];
  g_autofree guint32 *top_heap = NULL;
  guint32 *top;
  float *scores;

  g_return_val_if_fail (VA_IS_RECOGNIZER (self), 0);
  g_return_val_if_fail (out != NULL || max_out == 0, 0);

  if (self->dirty)
    va_recognizer_build (self);
  index = self->index;
  if (text == NULL || max_out == 0 || index->n_topics == 0)
    return 0;

  va_recognizer_index_query (index, self->analyzer, text, self->features, &self->query);
  if (self->query.n == 0)
    return 0;

  scores = self->scores;
  va_recognizer_index_score (index, self->model, &self->query, scores, self->prob);
  if (self->model != NULL)
    for (guint t = 0; t < index->n_topics; t++)
      scores[t] = CENTROID_SHARE * scores[t] + (1 - CENTROID_SHARE) * self->prob[t];

  /* Keep the best by insertion: max_out is a handful, topics are thousands. */
  top = max_out <= G_N_ELEMENTS (top_stack) ? top_stack : (top_heap = g_new (guint32, max_out));
  for (guint t = 0; t < index->n_topics; t++)
    {
      /* A topic without phrases gets some probability from the model but must never match. */
      if (scores[t] > 0 && index->topic_phrase_start[t] < index->topic_phrase_start[t + 1])
        n_top = top_insert (top, scores, n_top, max_out, t, scores[t]);
    }

  for (guint i = 0; i < n_top; i++)
    {
      out[i].topic_id = self->index_topics[top[i]]->id;
      out[i].score = CLAMP (scores[top[i]], 0.0, 1.0);
      va_recognizer_index_best_phrase (index, &self->query, top[i], self->dense, &out[i].phrase);
    }
  return n_top;
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
 * plain cosines and the same procedure gives 0.19.
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
 * BANKING77, HWU64 and BANKING77-OOS, margins of 0.013-0.019 make one in-scope message in ten ask
 * "Did you mean", the ones most likely to be wrong.
 *
 * Returns: the default margin
 */
double
va_recognizer_default_margin (void)
{
  return 0.015;
}
