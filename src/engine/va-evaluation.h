/* va-evaluation.h — how well a recognizer triggers topics on a labelled set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "va-recognizer.h"

G_BEGIN_DECLS

/* The share of in-scope validation messages that va_evaluation_choose_margin() lets ask
 * "Did you mean" (the benchmark's protocol). */
#define VA_EVALUATION_ASK_RATE 0.10

typedef struct _VaLabelledSet VaLabelledSet;

VaLabelledSet *va_labelled_set_new       (void);
void           va_labelled_set_free      (VaLabelledSet  *set);
void           va_labelled_set_add       (VaLabelledSet  *set,
                                          const char     *text,
                                          const char     *topic_id);
guint          va_labelled_set_get_size  (VaLabelledSet  *set);
const char    *va_labelled_set_get_text  (VaLabelledSet  *set,
                                          guint           index);
const char    *va_labelled_set_get_topic (VaLabelledSet  *set,
                                          guint           index);

gboolean       va_labelled_rows_parse    (const char     *data,
                                          gsize           length,
                                          GPtrArray     **texts,
                                          GPtrArray     **labels,
                                          GError        **error);
gboolean       va_label_is_out_of_scope  (const char     *label);

typedef struct
{
  char   *topic_id;
  guint   support;    /* examples that expect the topic */
  guint   predicted;  /* examples that triggered it (alone, or first of Multiple topics matched) */
  guint   correct;    /* both */
  double  precision;  /* percent; 0 when never predicted */
  double  recall;     /* percent; 0 when never expected */
} VaTopicFigures;

typedef struct
{
  char  *expected; /* topic id, or NULL: out of scope */
  char  *got;      /* topic id, or NULL: Fallback */
  guint  count;
} VaConfusion;

typedef struct
{
  double     threshold;
  double     margin;

  guint      n_examples;
  guint      n_in_scope;
  guint      n_out_of_scope;
  guint      n_in_scope_correct;  /* triggered the right topic, alone or first of Multiple */
  guint      n_unrecognized;      /* in scope, sent to Fallback */
  guint      n_multiple;          /* any example answered with Multiple topics matched */
  guint      n_oos_fallback;      /* out of scope, sent to Fallback */
  guint      n_asked;             /* in scope, Multiple topics matched */
  guint      n_asked_right;       /* … with the right topic among the first two offered */
  guint      n_not_asked;         /* in scope, one topic matched */
  guint      n_not_asked_right;   /* … the right one */

  /* Percentages. The out-of-scope ones are 0 when the set has no out-of-scope example. */
  double     in_scope_accuracy;
  double     overall_accuracy;    /* out of scope counted as one more class */
  double     oos_precision;
  double     oos_recall;
  double     oos_f1;
  double     unrecognized_rate;   /* of in-scope examples */
  double     multiple_rate;       /* of all examples */

  double     median_us;           /* time of one decision, microseconds */
  double     p95_us;

  GPtrArray *topics;      /* VaTopicFigures*: worst recall first; never expected ones last */
  GPtrArray *confusions;  /* VaConfusion*: most frequent first */
} VaEvaluation;

VaEvaluation *va_evaluation_run              (VaRecognizer   *recognizer,
                                              VaLabelledSet  *set,
                                              double          threshold,
                                              double          margin);
void          va_evaluation_free             (VaEvaluation   *evaluation);
double        va_evaluation_choose_threshold (VaRecognizer   *recognizer,
                                              VaLabelledSet  *valid);
double        va_evaluation_choose_margin    (VaRecognizer   *recognizer,
                                              VaLabelledSet  *valid,
                                              double          ask_rate);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VaLabelledSet, va_labelled_set_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VaEvaluation, va_evaluation_free)

G_END_DECLS
