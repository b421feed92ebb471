/* va-evaluation.c — how well a recognizer triggers topics on a labelled set
 *
 * The figures follow the protocol of ../shared/data/README.md, as tests/bench/bench-recognizer
 * applies it: an in-scope message is right when the bot starts the right topic, or offers it
 * first under "Did you mean" (Multiple topics matched); a message sent to Fallback is wrong
 * unless it is out of scope. The threshold is chosen on a validation set only, maximising the
 * accuracy with out of scope counted as one more class.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "va-evaluation.h"

struct _VaLabelledSet
{
  GPtrArray *texts;  /* char* */
  GPtrArray *topics; /* char*, NULL for out of scope */
};

/**
 * va_labelled_set_new:
 *
 * A list of messages, each with the topic that should start, or none (out of scope: Fallback
 * should answer).
 *
 * Returns: (transfer full): an empty set
 */
VaLabelledSet *
va_labelled_set_new (void)
{
  VaLabelledSet *set = g_new0 (VaLabelledSet, 1);

  set->texts = g_ptr_array_new_with_free_func (g_free);
  set->topics = g_ptr_array_new_with_free_func (g_free);
  return set;
}

void
va_labelled_set_free (VaLabelledSet *set)
{
  if (set == NULL)
    return;
  g_ptr_array_unref (set->texts);
  g_ptr_array_unref (set->topics);
  g_free (set);
}

/**
 * va_labelled_set_add:
 * @set: a set
 * @text: the user's message
 * @topic_id: (nullable): the topic it should start, or %NULL when out of scope
 */
void
va_labelled_set_add (VaLabelledSet *set,
                     const char    *text,
                     const char    *topic_id)
{
  g_return_if_fail (set != NULL);
  g_return_if_fail (text != NULL);

  g_ptr_array_add (set->texts, g_strdup (text));
  g_ptr_array_add (set->topics, g_strdup (topic_id));
}

guint
va_labelled_set_get_size (VaLabelledSet *set)
{
  g_return_val_if_fail (set != NULL, 0);
  return set->texts->len;
}

const char *
va_labelled_set_get_text (VaLabelledSet *set,
                          guint          index)
{
  g_return_val_if_fail (set != NULL && index < set->texts->len, NULL);
  return g_ptr_array_index (set->texts, index);
}

const char *
va_labelled_set_get_topic (VaLabelledSet *set,
                           guint          index)
{
  g_return_val_if_fail (set != NULL && index < set->topics->len, NULL);
  return g_ptr_array_index (set->topics, index);
}

/**
 * va_label_is_out_of_scope:
 * @label: a label of a test set
 *
 * Whether @label means that no topic should start: "oos" (the data sets' label),
 * "out_of_scope", "none", "fallback" (any case) or nothing.
 *
 * Returns: %TRUE for an out-of-scope label
 */
gboolean
va_label_is_out_of_scope (const char *label)
{
  static const char * const names[] = { "oos", "out_of_scope", "none", "fallback", NULL };

  if (label == NULL || label[0] == '\0')
    return TRUE;
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (label, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Reading CSV and TSV                                                 */

static gboolean
is_header (const char *text,
           const char *label)
{
  return g_ascii_strcasecmp (text, "text") == 0 && g_ascii_strcasecmp (label, "label") == 0;
}

static void
add_row (GPtrArray  *texts,
         GPtrArray  *labels,
         const char *text,
         gssize      text_length,
         const char *label,
         gssize      label_length)
{
  char *t = text_length < 0 ? g_strdup (text) : g_strndup (text, text_length);
  char *l = label_length < 0 ? g_strdup (label) : g_strndup (label, label_length);

  g_strstrip (t);
  g_strstrip (l);
  /* The first row may name the columns. */
  if (texts->len == 0 && labels->len == 0 && is_header (t, l))
    {
      g_free (t);
      g_free (l);
      return;
    }
  g_ptr_array_add (texts, t);
  g_ptr_array_add (labels, l);
}

static gboolean
parse_tsv (const char  *data,
           const char  *end,
           GPtrArray   *texts,
           GPtrArray   *labels,
           GError     **error)
{
  guint line = 0;

  while (data < end)
    {
      const char *newline = memchr (data, '\n', end - data);
      const char *line_end = newline != NULL ? newline : end;
      const char *tab = NULL;
      gboolean blank = TRUE;

      line++;
      for (const char *s = data; s < line_end; s++)
        {
          if (*s == '\t')
            tab = s; /* the last one: the text may hold tabs, a label does not */
          if (!g_ascii_isspace (*s))
            blank = FALSE;
        }
      if (!blank)
        {
          if (tab == NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("line %u: expected a text, a tab and a label"), line);
              return FALSE;
            }
          add_row (texts, labels, data, tab - data, tab + 1, line_end - tab - 1);
        }
      data = newline != NULL ? newline + 1 : end;
    }
  return TRUE;
}

/* RFC 4180: fields separated by commas; a field in double quotes may hold commas, line breaks
 * and doubled quotes. */
static gboolean
parse_csv (const char  *data,
           const char  *end,
           GPtrArray   *texts,
           GPtrArray   *labels,
           GError     **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  guint line = 1, record_line = 1;
  const char *s = data;

  while (s <= end)
    {
      gboolean at_end = s == end;
      char c = at_end ? '\n' : *s;

      if (c == '"' && !at_end && strspn (field->str, " \t") == field->len)
        {
          guint quote_line = line;

          g_string_truncate (field, 0);

          for (s++;; s++)
            {
              if (s >= end)
                {
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("line %u: a quoted field is not closed"), quote_line);
                  return FALSE;
                }
              if (*s == '"' && s + 1 < end && s[1] == '"')
                {
                  g_string_append_c (field, '"');
                  s++;
                }
              else if (*s == '"')
                break;
              else
                {
                  if (*s == '\n')
                    line++;
                  g_string_append_c (field, *s);
                }
            }
          /* after the closing quote: spaces, then a comma or the end of the record */
          for (s++; s < end && (*s == ' ' || *s == '\t' || *s == '\r'); s++)
            ;
          if (s < end && *s != ',' && *s != '\n')
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("line %u: unexpected text after a closing quote (write \"\" for a quote "
                             "inside a quoted field)"),
                           line);
              return FALSE;
            }
          continue;
        }

      if (c == ',')
        {
          g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
          s++;
          continue;
        }

      if (c == '\n')
        {
          gboolean blank;

          if (field->len > 0 && field->str[field->len - 1] == '\r')
            g_string_truncate (field, field->len - 1);
          g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);

          blank = fields->len == 1 && g_strstrip ((char *) g_ptr_array_index (fields, 0))[0] == '\0';
          if (!blank && fields->len != 2)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("line %u: expected two fields, text and label, found %u (put a text "
                             "with commas in double quotes)"),
                           record_line, fields->len);
              return FALSE;
            }
          if (!blank)
            add_row (texts, labels, g_ptr_array_index (fields, 0), -1, g_ptr_array_index (fields, 1), -1);
          g_ptr_array_set_size (fields, 0);
          line++;
          record_line = line;
          s++;
          continue;
        }

      g_string_append_c (field, c);
      s++;
    }
  return TRUE;
}

/**
 * va_labelled_rows_parse:
 * @data: the file's bytes
 * @length: their length
 * @texts: (out) (transfer full) (element-type utf8): the messages
 * @labels: (out) (transfer full) (element-type utf8): their labels, as written
 * @error: return location for a #G_IO_ERROR_INVALID_DATA error, "line N: …"
 *
 * Reads a test set: tab-separated "text<TAB>label" lines when the first line holds a tab,
 * otherwise CSV (RFC 4180) with two columns, text and label. A first row "text,label" (any
 * case) names the columns and is skipped, and so are blank lines. Texts and labels lose the
 * white space at their ends.
 *
 * Returns: %TRUE on success
 */
gboolean
va_labelled_rows_parse (const char  *data,
                        gsize        length,
                        GPtrArray  **texts,
                        GPtrArray  **labels,
                        GError     **error)
{
  g_autoptr(GPtrArray) t = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) l = g_ptr_array_new_with_free_func (g_free);
  const char *end = data + length;
  const char *invalid = NULL;
  const char *first_end;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (texts != NULL && labels != NULL, FALSE);

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    data += 3;
  if (!g_utf8_validate_len (data, end - data, &invalid) || memchr (data, '\0', end - data) != NULL)
    {
      guint line = 1;

      if (invalid == NULL || invalid >= end)
        invalid = memchr (data, '\0', end - data);
      for (const char *s = data; s < invalid; s++)
        line += *s == '\n';
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("line %u: not valid UTF-8 text"), line);
      return FALSE;
    }

  first_end = memchr (data, '\n', end - data);
  if (first_end == NULL)
    first_end = end;
  if (memchr (data, '\t', first_end - data) != NULL)
    ok = parse_tsv (data, end, t, l, error);
  else
    ok = parse_csv (data, end, t, l, error);
  if (!ok)
    return FALSE;

  *texts = g_steal_pointer (&t);
  *labels = g_steal_pointer (&l);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Figures                                                             */

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The benchmark's quantile: the value at the rounded rank, after sorting @v in place. */
static double
quantile (double *v,
          guint   n,
          double  q)
{
  if (n == 0)
    return 0;
  qsort (v, n, sizeof (double), compare_double);
  return v[MIN (n - 1, (guint) (q * (n - 1) + 0.5))];
}

static void
topic_figures_free (VaTopicFigures *figures)
{
  g_free (figures->topic_id);
  g_free (figures);
}

static void
confusion_free (VaConfusion *confusion)
{
  g_free (confusion->expected);
  g_free (confusion->got);
  g_free (confusion);
}

/**
 * va_evaluation_free:
 * @evaluation: (nullable): figures of va_evaluation_run()
 */
void
va_evaluation_free (VaEvaluation *evaluation)
{
  if (evaluation == NULL)
    return;
  g_clear_pointer (&evaluation->topics, g_ptr_array_unref);
  g_clear_pointer (&evaluation->confusions, g_ptr_array_unref);
  g_free (evaluation);
}

static VaTopicFigures *
lookup_topic (GHashTable  *by_id,
              GPtrArray   *order,
              const char  *topic_id)
{
  VaTopicFigures *figures = g_hash_table_lookup (by_id, topic_id);

  if (figures == NULL)
    {
      figures = g_new0 (VaTopicFigures, 1);
      figures->topic_id = g_strdup (topic_id);
      g_hash_table_insert (by_id, figures->topic_id, figures);
      g_ptr_array_add (order, figures);
    }
  return figures;
}

static void
count_confusion (GHashTable *by_pair,
                 GPtrArray  *order,
                 const char *expected,
                 const char *got)
{
  /* A NUL cannot be in an id, so it separates the two; "-" marks NULL, "+" an id. */
  g_autoptr(GString) key = g_string_new (NULL);
  VaConfusion *confusion;

  g_string_append_printf (key, "%s%s", expected != NULL ? "+" : "-", expected != NULL ? expected : "");
  g_string_append_c (key, '\x1f');
  g_string_append_printf (key, "%s%s", got != NULL ? "+" : "-", got != NULL ? got : "");
  confusion = g_hash_table_lookup (by_pair, key->str);
  if (confusion == NULL)
    {
      confusion = g_new0 (VaConfusion, 1);
      confusion->expected = g_strdup (expected);
      confusion->got = g_strdup (got);
      g_hash_table_insert (by_pair, g_string_free (g_steal_pointer (&key), FALSE), confusion);
      g_ptr_array_add (order, confusion);
    }
  confusion->count++;
}

static int
compare_topics (gconstpointer a,
                gconstpointer b)
{
  const VaTopicFigures *x = *(VaTopicFigures * const *) a;
  const VaTopicFigures *y = *(VaTopicFigures * const *) b;

  /* Topics no example expects (a system topic that caught messages) have no recall: last. */
  if ((x->support == 0) != (y->support == 0))
    return x->support == 0 ? 1 : -1;
  if (x->recall != y->recall)
    return x->recall < y->recall ? -1 : 1;
  if (x->support != y->support)
    return x->support > y->support ? -1 : 1;
  return strcmp (x->topic_id, y->topic_id);
}

static int
compare_confusions (gconstpointer a,
                    gconstpointer b)
{
  const VaConfusion *x = *(VaConfusion * const *) a;
  const VaConfusion *y = *(VaConfusion * const *) b;
  int by_expected;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  by_expected = g_strcmp0 (x->expected, y->expected);
  if (by_expected != 0)
    return by_expected;
  return g_strcmp0 (x->got, y->got);
}

/**
 * va_evaluation_run:
 * @recognizer: a built recognizer
 * @set: the labelled messages
 * @threshold: the Fallback threshold, as for va_recognizer_decide()
 * @margin: the "Did you mean" margin, as for va_recognizer_decide()
 *
 * Decides every message of @set and measures: in-scope accuracy (the right topic started, or
 * offered first by Multiple topics matched), out-of-scope precision, recall and F1 (Fallback
 * is the prediction "out of scope"), the share of in-scope messages sent to Fallback and of
 * messages answered with Multiple topics matched, precision and recall per topic, the
 * confusions, and the median and 95th percentile time of one decision (monotonic clock).
 *
 * Returns: (transfer full): the figures
 */
VaEvaluation *
va_evaluation_run (VaRecognizer  *recognizer,
                   VaLabelledSet *set,
                   double         threshold,
                   double         margin)
{
  g_autoptr(GHashTable) topics = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) confusions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree double *us = NULL;
  VaEvaluation *e;
  guint n;

  g_return_val_if_fail (VA_IS_RECOGNIZER (recognizer), NULL);
  g_return_val_if_fail (set != NULL, NULL);

  n = va_labelled_set_get_size (set);
  e = g_new0 (VaEvaluation, 1);
  e->threshold = threshold;
  e->margin = margin;
  e->n_examples = n;
  e->topics = g_ptr_array_new_with_free_func ((GDestroyNotify) topic_figures_free);
  e->confusions = g_ptr_array_new_with_free_func ((GDestroyNotify) confusion_free);
  us = g_new (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const char *expected = va_labelled_set_get_topic (set, i);
      VaRecognizerMatch out[2];
      VaRecognitionKind kind;
      guint n_out = 0;
      gint64 t0;
      const char *got;
      gboolean right;

      t0 = g_get_monotonic_time ();
      kind = va_recognizer_decide (recognizer, va_labelled_set_get_text (set, i), threshold, margin,
                                   out, G_N_ELEMENTS (out), &n_out);
      us[i] = (double) (g_get_monotonic_time () - t0);

      got = kind != VA_RECOGNITION_FALLBACK && n_out > 0 ? out[0].topic_id : NULL;
      right = g_strcmp0 (got, expected) == 0;

      if (kind == VA_RECOGNITION_MULTIPLE)
        e->n_multiple++;
      if (expected != NULL)
        {
          e->n_in_scope++;
          e->n_in_scope_correct += right;
          e->n_unrecognized += got == NULL;
          lookup_topic (topics, e->topics, expected)->support++;
          if (kind == VA_RECOGNITION_MULTIPLE)
            {
              e->n_asked++;
              e->n_asked_right += right || (n_out > 1 && g_strcmp0 (out[1].topic_id, expected) == 0);
            }
          else if (kind == VA_RECOGNITION_MATCH)
            {
              e->n_not_asked++;
              e->n_not_asked_right += right;
            }
        }
      else
        {
          e->n_out_of_scope++;
          e->n_oos_fallback += got == NULL;
        }
      if (got != NULL)
        {
          VaTopicFigures *figures = lookup_topic (topics, e->topics, got);

          figures->predicted++;
          figures->correct += right;
        }
      if (!right)
        count_confusion (confusions, e->confusions, expected, got);
    }

  e->in_scope_accuracy = 100.0 * e->n_in_scope_correct / MAX (1, e->n_in_scope);
  e->overall_accuracy = 100.0 * (e->n_in_scope_correct + e->n_oos_fallback) / MAX (1, n);
  e->unrecognized_rate = 100.0 * e->n_unrecognized / MAX (1, e->n_in_scope);
  e->multiple_rate = 100.0 * e->n_multiple / MAX (1, n);
  if (e->n_out_of_scope > 0)
    {
      double p = e->n_oos_fallback / (double) MAX (1, e->n_oos_fallback + e->n_unrecognized);
      double r = e->n_oos_fallback / (double) e->n_out_of_scope;

      e->oos_precision = 100 * p;
      e->oos_recall = 100 * r;
      e->oos_f1 = p + r > 0 ? 100 * 2 * p * r / (p + r) : 0;
    }
  for (guint i = 0; i < e->topics->len; i++)
    {
      VaTopicFigures *figures = g_ptr_array_index (e->topics, i);

      figures->precision = figures->predicted > 0 ? 100.0 * figures->correct / figures->predicted : 0;
      figures->recall = figures->support > 0 ? 100.0 * figures->correct / figures->support : 0;
    }
  g_ptr_array_sort (e->topics, compare_topics);
  g_ptr_array_sort (e->confusions, compare_confusions);

  e->p95_us = quantile (us, n, 0.95);
  e->median_us = quantile (us, n, 0.5);
  return e;
}

typedef struct
{
  double      s1, s2;
  const char *top1; /* owned by the recognizer */
} Ranked;

static Ranked *
rank_all (VaRecognizer  *recognizer,
          VaLabelledSet *set)
{
  guint n = va_labelled_set_get_size (set);
  Ranked *r = g_new0 (Ranked, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      VaRecognizerMatch m[2];
      guint k = va_recognizer_rank (recognizer, va_labelled_set_get_text (set, i), m, G_N_ELEMENTS (m));

      r[i].top1 = k > 0 ? m[0].topic_id : NULL;
      r[i].s1 = k > 0 ? m[0].score : 0;
      r[i].s2 = k > 1 ? m[1].score : 0;
    }
  return r;
}

/**
 * va_evaluation_choose_threshold:
 * @recognizer: a built recognizer
 * @valid: a validation set (never the test set)
 *
 * Chooses the Fallback threshold as the benchmark's protocol does: among 201 quantiles of the
 * best scores on @valid, the one that gives the highest accuracy with out of scope counted as
 * one more class (the lowest such). Without out-of-scope examples that is 0: Fallback can then
 * only lose messages.
 *
 * Returns: the threshold, or va_recognizer_default_threshold() for an empty set
 */
double
va_evaluation_choose_threshold (VaRecognizer  *recognizer,
                                VaLabelledSet *valid)
{
  g_autofree Ranked *r = NULL;
  g_autofree double *s = NULL;
  double best_t = 0;
  guint n, best_ok = 0;
  gboolean first = TRUE;

  g_return_val_if_fail (VA_IS_RECOGNIZER (recognizer), va_recognizer_default_threshold ());
  g_return_val_if_fail (valid != NULL, va_recognizer_default_threshold ());

  n = va_labelled_set_get_size (valid);
  if (n == 0)
    return va_recognizer_default_threshold ();

  r = rank_all (recognizer, valid);
  s = g_new (double, n + 1);
  for (guint i = 0; i < n; i++)
    s[i] = r[i].s1;
  s[n] = 0;
  qsort (s, n + 1, sizeof (double), compare_double);

  for (guint q = 0; q <= 200; q++)
    {
      double t = s[(guint) ((double) q / 200 * n + 0.5)];
      guint ok = 0;

      for (guint i = 0; i < n; i++)
        {
          const char *predicted = r[i].s1 >= t && r[i].s1 > 0 ? r[i].top1 : NULL;

          ok += g_strcmp0 (predicted, va_labelled_set_get_topic (valid, i)) == 0;
        }
      if (first || ok > best_ok)
        {
          best_ok = ok;
          best_t = t;
          first = FALSE;
        }
    }
  return best_t;
}

/**
 * va_evaluation_choose_margin:
 * @recognizer: a built recognizer
 * @valid: a validation set
 * @ask_rate: the share of in-scope messages that may be asked "Did you mean", e.g.
 *   %VA_EVALUATION_ASK_RATE
 *
 * Returns: the lead of the best topic over the second under which @ask_rate of @valid's
 *   in-scope messages lie, or va_recognizer_default_margin() without in-scope messages
 */
double
va_evaluation_choose_margin (VaRecognizer  *recognizer,
                             VaLabelledSet *valid,
                             double         ask_rate)
{
  g_autofree Ranked *r = NULL;
  g_autofree double *leads = NULL;
  guint n, n_leads = 0;

  g_return_val_if_fail (VA_IS_RECOGNIZER (recognizer), va_recognizer_default_margin ());
  g_return_val_if_fail (valid != NULL, va_recognizer_default_margin ());

  n = va_labelled_set_get_size (valid);
  r = rank_all (recognizer, valid);
  leads = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    if (va_labelled_set_get_topic (valid, i) != NULL)
      leads[n_leads++] = r[i].s1 - r[i].s2;
  if (n_leads == 0)
    return va_recognizer_default_margin ();
  return quantile (leads, n_leads, ask_rate);
}
