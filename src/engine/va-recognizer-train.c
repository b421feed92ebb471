/* va-recognizer-train.c — the recognizer's linear model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A multinomial logistic regression over the phrase vectors. Its weights live where the index
 * keeps the centroids: one per posting, so a topic is scored by the features of its own phrases
 * only, and a dense row for each feature common to many topics. That keeps the model as sparse
 * as the centroids, so a training step and a query cost one pass over the postings instead of a
 * dense features x topics matrix; on the validation sets it is within seed noise of the dense
 * model. Training starts from the centroids scaled to logits (already a good linear model), so
 * five shuffled epochs of SGD on the softmax loss with a light L2 penalty suffice.
 *
 * Training only reads the index, which is immutable, and writes a model of its own: it may run
 * in a worker thread while the recognizer answers with the centroids.
 */
#include "va-recognizer-train.h"

#include <string.h>

/* Chosen on the validation sets (valid in-scope accuracy, BANKING77 / HWU64 / BANKING77-OOS):
 * 5 epochs at rate 2 gave 76.5 / 73.1 / 71.5; 3 epochs 75.3 / 72.5 / 71.3; 10 epochs 76.2 /
 * 73.1 / 71.7, twice the time. */
#define TRAIN_EPOCHS 5
#define TRAIN_INIT_SCALE 3.0f
#define TRAIN_RATE 2.0f
#define TRAIN_L2 1e-5f
#define TRAIN_BIAS_RATE 0.1f

/* A training step costs a softmax over the topics: above this many phrases x topics the build
 * would take seconds, and the centroids alone are used. About 500 topics x 10 phrases. */
#define MAX_TRAIN_COST (2500u * 1000u)

/**
 * va_recognizer_index_can_train:
 * @index: an index
 *
 * Tells whether the bot is small enough to train in reasonable time.
 *
 * Returns: %TRUE if va_recognizer_model_train() is worth calling
 */
gboolean
va_recognizer_index_can_train (const VaRecognizerIndex *index)
{
  return index->n_topics > 1 && (guint64) index->n_topics * index->n_phrases <= MAX_TRAIN_COST;
}

/**
 * va_recognizer_model_free:
 * @self: (nullable): a model
 *
 * Frees @self.
 */
void
va_recognizer_model_free (VaRecognizerModel *self)
{
  if (self == NULL)
    return;
  g_free (self->weight);
  g_free (self->dense_weight);
  g_free (self->bias);
  g_free (self);
}

#if defined(__GNUC__)
static inline void
row_update (float *row, const float *g, float a, float decay, guint n8)
{
  for (guint t = 0; t < n8; t += 8)
    *(VaFloat8 *) (row + t) = *(VaFloat8 *) (row + t) * decay + a * *(const VaFloat8 *) (g + t);
}
#else
static inline void
row_update (float *row, const float *g, float a, float decay, guint n8)
{
  for (guint t = 0; t < n8; t++)
    row[t] = row[t] * decay + a * g[t];
}
#endif

/* One SGD step on phrase @p of topic @y; @grad is scratch of stride floats. */
static void
train_step (const VaRecognizerIndex *index, VaRecognizerModel *m, guint p, guint y, float rate,
            float *grad)
{
  guint S = index->stride;
  guint s = index->phrase_feat_start[p], e = index->phrase_feat_start[p + 1];
  float decay = 1 - rate * TRAIN_L2;

  memcpy (grad, m->bias, sizeof (float) * S);
  for (guint i = s; i < e; i++)
    {
      guint32 f = index->phrase_fid[i], row = index->dense_of[f];
      float x = index->phrase_weight[i];

      if (row != VA_SPARSE)
        va_row_axpy (grad, m->dense_weight + (gsize) row * S, x, S);
      else
        for (guint32 j = index->post_start[f]; j < index->post_start[f + 1]; j++)
          grad[index->post[j].topic] += x * m->weight[j];
    }
  va_recognizer_softmax (grad, index->n_topics);
  grad[y] -= 1; /* gradient of the loss w.r.t. the logits: p - y; padding stays 0 */

  for (guint i = s; i < e; i++)
    {
      guint32 f = index->phrase_fid[i], row = index->dense_of[f];
      float a = -rate * index->phrase_weight[i];

      if (row != VA_SPARSE)
        row_update (m->dense_weight + (gsize) row * S, grad, a, decay, S);
      else
        for (guint32 j = index->post_start[f]; j < index->post_start[f + 1]; j++)
          m->weight[j] = m->weight[j] * decay + a * grad[index->post[j].topic];
    }
  for (guint t = 0; t < index->n_topics; t++)
    m->bias[t] -= TRAIN_BIAS_RATE * rate * grad[t];
}

/**
 * va_recognizer_model_train:
 * @index: an index
 * @cancellable: (nullable): checked between epochs
 *
 * Trains the linear model on the phrases of @index, which it only reads: any thread may call
 * this while others query @index. Deterministic: the same bot gives the same model.
 *
 * Returns: (transfer full) (nullable): the model, or %NULL if cancelled
 */
VaRecognizerModel *
va_recognizer_model_train (const VaRecognizerIndex *index,
                           GCancellable            *cancellable)
{
  guint T = index->n_topics, S = index->stride, P = index->n_phrases;
  guint n_post = index->post_start[index->n_features];
  gsize n_dense = (gsize) index->n_dense * S;
  g_autoptr (VaRecognizerModel) m = g_new0 (VaRecognizerModel, 1);
  g_autofree guint32 *topic_of = g_new (guint32, MAX (1, P));
  g_autofree guint32 *order = g_new (guint32, MAX (1, P));
  g_autofree float *grad = g_new0 (float, MAX (8, S));
  g_autoptr (GRand) rand = g_rand_new_with_seed (1);
  gsize step = 0;

  m->bias = g_new0 (float, MAX (8, S));
  m->weight = g_new (float, MAX (1, n_post));
  m->dense_weight = g_new (float, MAX (1, n_dense));
  for (guint j = 0; j < n_post; j++)
    m->weight[j] = TRAIN_INIT_SCALE * index->post[j].centroid;
  for (gsize j = 0; j < n_dense; j++)
    m->dense_weight[j] = TRAIN_INIT_SCALE * index->dense_centroid[j];
  for (guint t = 0; t < T; t++)
    for (guint p = index->topic_phrase_start[t]; p < index->topic_phrase_start[t + 1]; p++)
      topic_of[p] = t;
  for (guint p = 0; p < P; p++)
    order[p] = p;

  for (guint epoch = 0; epoch < TRAIN_EPOCHS; epoch++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return NULL;
      for (guint p = P; p > 1; p--)
        {
          guint j = g_rand_int_range (rand, 0, p);
          guint32 tmp = order[p - 1];

          order[p - 1] = order[j];
          order[j] = tmp;
        }
      for (guint k = 0; k < P; k++, step++)
        train_step (index, m, order[k], topic_of[order[k]],
                    TRAIN_RATE / (1 + TRAIN_RATE * TRAIN_L2 * step), grad);
    }
  return g_steal_pointer (&m);
}
