/* bench-recognizer.c — accuracy and speed of the trigger-phrase recognizer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-recognizer --train T --valid V --test X [--language en]
 *   One topic per label of T (its utterances are the trigger phrases; label "oos" is skipped).
 *   The Fallback threshold is chosen on V only, maximising accuracy with "oos" as one more class
 *   (as ../shared/bench/peer_tfidf.py does); the "Did you mean" margin is the one that asks on
 *   10 % of V's in-scope messages. Figures are then measured once on X. Choosing and measuring
 *   are va-evaluation.c's, which `virtual-agent-cli test --choose-threshold` shares.
 * bench-recognizer --scale N
 *   Build time and time per message for N synthetic topics of 10 phrases.
 *
 * --untrained measures the centroids alone (VaRecognizer:trained off).
 * Prints one "name=value" line per figure.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime () under -std=c11 */

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "va-evaluation.h"
#include "va-recognizer.h"

#define OOS "oos"

typedef struct
{
  GPtrArray *texts;  /* char* */
  GPtrArray *labels; /* char* */
} Data;

static double
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
quantile (double *v, guint n, double q)
{
  if (n == 0)
    return 0;
  qsort (v, n, sizeof (double), compare_double);
  return v[MIN (n - 1, (guint) (q * (n - 1) + 0.5))];
}

static void
data_clear (Data *d)
{
  g_clear_pointer (&d->texts, g_ptr_array_unref);
  g_clear_pointer (&d->labels, g_ptr_array_unref);
}

static gboolean
read_tsv (const char *path, Data *d, GError **error)
{
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;
  d->texts = g_ptr_array_new_with_free_func (g_free);
  d->labels = g_ptr_array_new_with_free_func (g_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *tab;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      tab = strrchr (lines[i], '\t');
      if (tab == NULL)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "%s:%u: expected 'utterance<TAB>label'", path, i + 1);
          return FALSE;
        }
      g_ptr_array_add (d->texts, g_strndup (lines[i], tab - lines[i]));
      g_ptr_array_add (d->labels, g_strdup (tab + 1));
    }
  return TRUE;
}

/* Adds one topic per label of @train, phrases in file order; returns the number of phrases. */
static guint
add_topics (VaRecognizer *rec, Data *train)
{
  g_autoptr (GHashTable) by_label = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                           (GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) order = g_ptr_array_new ();
  guint n = 0;

  for (guint i = 0; i < train->texts->len; i++)
    {
      const char *label = train->labels->pdata[i];
      GPtrArray *phrases;

      if (strcmp (label, OOS) == 0)
        continue;
      phrases = g_hash_table_lookup (by_label, label);
      if (phrases == NULL)
        {
          phrases = g_ptr_array_new ();
          g_hash_table_insert (by_label, (gpointer) label, phrases);
          g_ptr_array_add (order, (gpointer) label);
        }
      g_ptr_array_add (phrases, train->texts->pdata[i]);
      n++;
    }
  for (guint i = 0; i < order->len; i++)
    {
      GPtrArray *phrases = g_hash_table_lookup (by_label, order->pdata[i]);

      g_ptr_array_add (phrases, NULL);
      va_recognizer_add_topic (rec, order->pdata[i], (const char * const *) phrases->pdata);
      g_ptr_array_set_size (phrases, phrases->len - 1);
    }
  return n;
}

static void
on_built (GObject *source, GAsyncResult *result, gpointer user_data)
{
  double *ready_us = user_data;
  g_autoptr (GError) error = NULL;

  if (!va_recognizer_build_finish (VA_RECOGNIZER (source), result, &error))
    g_printerr ("bench-recognizer: %s\n", error->message);
  *ready_us = now_us ();
}

/* va_recognizer_build_async(): milliseconds until it returns (the index is usable) and until
 * the trained model is in use, medians over a few builds. */
static void
time_build_async (VaRecognizer *rec, double *index_ms, double *ready_ms)
{
  double ti[5], tr[5];

  for (guint i = 0; i < G_N_ELEMENTS (ti); i++)
    {
      double t0 = now_us (), ready = 0;

      va_recognizer_build_async (rec, NULL, on_built, &ready);
      ti[i] = (now_us () - t0) / 1e3;
      while (ready == 0)
        g_main_context_iteration (NULL, TRUE);
      tr[i] = (ready - t0) / 1e3;
    }
  *index_ms = quantile (ti, G_N_ELEMENTS (ti), 0.5);
  *ready_ms = quantile (tr, G_N_ELEMENTS (tr), 0.5);
}

/* Median over a few builds, in milliseconds: the first build of a process pays page faults. */
static double
time_build (VaRecognizer *rec)
{
  double t[5];

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      double t0 = now_us ();

      va_recognizer_build (rec);
      t[i] = (now_us () - t0) / 1e3;
    }
  return quantile (t, G_N_ELEMENTS (t), 0.5);
}

/* Ranks every message of @d, writing the microseconds each took to @us when not NULL. */
static void
time_rank (VaRecognizer *rec, Data *d, double *us)
{
  for (guint i = 0; i < d->texts->len; i++)
    {
      VaRecognizerMatch m[3];
      double t0 = now_us ();

      va_recognizer_rank (rec, d->texts->pdata[i], m, G_N_ELEMENTS (m));
      if (us != NULL)
        us[i] = now_us () - t0;
    }
}

/* The labelled set of @d for va-evaluation: "oos" is out of scope, any other label a topic. */
static VaLabelledSet *
labelled_set (Data *d)
{
  VaLabelledSet *set = va_labelled_set_new ();

  for (guint i = 0; i < d->texts->len; i++)
    {
      const char *label = d->labels->pdata[i];

      va_labelled_set_add (set, d->texts->pdata[i], strcmp (label, OOS) == 0 ? NULL : label);
    }
  return set;
}

static void
report_margin (const VaEvaluation *e)
{
  printf ("multiple_asked_percent=%.1f\n", 100.0 * e->n_asked / MAX (1, e->n_asked + e->n_not_asked));
  printf ("multiple_right_in_top2_percent=%.1f\n", 100.0 * e->n_asked_right / MAX (1, e->n_asked));
  printf ("accuracy_when_not_asked=%.1f\n", 100.0 * e->n_not_asked_right / MAX (1, e->n_not_asked));
}

static gboolean untrained = FALSE;

static int
run_dataset (const char *train_path, const char *valid_path, const char *test_path,
             const char *language)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VaRecognizer) rec = va_recognizer_new (language);
  Data train = { 0 }, valid = { 0 }, test = { 0 };
  g_autoptr (VaLabelledSet) valid_set = NULL;
  g_autoptr (VaLabelledSet) test_set = NULL;
  g_autoptr (VaEvaluation) f = NULL;
  g_autofree double *us = NULL;
  double threshold, margin, build_ms;
  guint n_phrases;

  if (!read_tsv (train_path, &train, &error) || !read_tsv (valid_path, &valid, &error) ||
      !read_tsv (test_path, &test, &error))
    {
      g_printerr ("bench-recognizer: %s\n", error->message);
      return 1;
    }

  va_recognizer_set_trained (rec, !untrained);
  n_phrases = add_topics (rec, &train);
  build_ms = time_build (rec);
  printf ("topics=%u phrases=%u valid=%u test=%u\n", va_recognizer_get_n_topics (rec), n_phrases,
          valid.texts->len, test.texts->len);
  printf ("build_ms=%.2f\n", build_ms);
  {
    double index_ms, ready_ms;

    time_build_async (rec, &index_ms, &ready_ms);
    printf ("async_build_ms=%.2f async_model_ready_ms=%.2f\n", index_ms, ready_ms);
  }

  valid_set = labelled_set (&valid);
  test_set = labelled_set (&test);
  threshold = va_evaluation_choose_threshold (rec, valid_set);
  margin = va_evaluation_choose_margin (rec, valid_set, VA_EVALUATION_ASK_RATE);
  printf ("threshold=%.4f (chosen on valid)\n", threshold);
  f = va_evaluation_run (rec, valid_set, threshold, margin);
  printf ("valid_in_scope_accuracy=%.2f\n", f->in_scope_accuracy);
  if (f->n_out_of_scope > 0)
    printf ("valid_oos_f1=%.2f\n", f->oos_f1);
  printf ("margin=%.4f (asks on %.0f %% of valid in-scope)\n", margin, 100 * VA_EVALUATION_ASK_RATE);
  g_clear_pointer (&f, va_evaluation_free);

  us = g_new (double, test.texts->len);
  time_rank (rec, &test, NULL); /* warm caches once, timings below are of the second pass */
  time_rank (rec, &test, NULL);
  time_rank (rec, &test, us);
  f = va_evaluation_run (rec, test_set, threshold, margin);
  printf ("in_scope_accuracy=%.2f\n", f->in_scope_accuracy);
  if (f->n_out_of_scope > 0)
    {
      printf ("oos_precision=%.2f\n", f->oos_precision);
      printf ("oos_recall=%.2f\n", f->oos_recall);
      printf ("oos_f1=%.2f\n", f->oos_f1);
    }
  printf ("overall_accuracy=%.2f\n", f->overall_accuracy);
  report_margin (f);
  {
    g_autofree double *copy = g_memdup2 (us, sizeof (double) * test.texts->len);

    printf ("median_us=%.2f\n", quantile (copy, test.texts->len, 0.5));
    printf ("p95_us=%.2f\n", quantile (copy, test.texts->len, 0.95));
  }

  data_clear (&train);
  data_clear (&valid);
  data_clear (&test);
  return 0;
}

/* A pseudo-word from syllables; word @i is the same in every run. */
static char *
synthetic_word (guint i)
{
  static const char *syl[] = { "ka", "lo", "mi", "ren", "ta", "su", "vel", "dor", "pi", "an",
                               "ex", "cor", "bri", "tu", "ne", "sol", "gra", "fi", "mon", "ze" };
  GString *w = g_string_new (NULL);
  guint n = 2 + i % 3;

  i = i * 2654435761u + 7;
  for (guint k = 0; k < n; k++)
    {
      g_string_append (w, syl[i % G_N_ELEMENTS (syl)]);
      i = i / G_N_ELEMENTS (syl) + k * 7919;
    }
  return g_string_free (w, FALSE);
}

static int
run_scale (guint n_topics)
{
  g_autoptr (VaRecognizer) rec = va_recognizer_new ("en");
  g_autoptr (GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *us = NULL;
  GRand *rand = g_rand_new_with_seed (42);
  guint n_words = 4000, n_queries = 2000;
  double first_ms, t0;

  for (guint i = 0; i < n_words; i++)
    g_ptr_array_add (words, synthetic_word (i));

  /* Each topic: 10 phrases of 3-10 words, half from its own 5 keywords, half common words
   * (squared uniform: a Zipf-like skew towards the frequent ones). */
  for (guint t = 0; t < n_topics; t++)
    {
      char *phrases[11];
      g_autofree char *id = g_strdup_printf ("topic-%u", t);

      for (guint p = 0; p < 10; p++)
        {
          GString *s = g_string_new (NULL);
          guint len = g_rand_int_range (rand, 3, 11);

          for (guint k = 0; k < len; k++)
            {
              guint w;

              if (g_rand_boolean (rand))
                w = (t * 5 + g_rand_int_range (rand, 0, 5)) % n_words;
              else
                w = (guint) (pow (g_rand_double (rand), 2) * n_words);
              g_string_append_printf (s, "%s%s", k ? " " : "", (char *) words->pdata[w]);
            }
          phrases[p] = g_string_free (s, FALSE);
          if (g_rand_int_range (rand, 0, 20) == 0 && queries->len < n_queries)
            g_ptr_array_add (queries, g_strdup (phrases[p]));
        }
      phrases[10] = NULL;
      va_recognizer_add_topic (rec, id, (const char * const *) phrases);
      for (guint p = 0; p < 10; p++)
        g_free (phrases[p]);
    }
  while (queries->len < n_queries)
    {
      GString *s = g_string_new (NULL);

      for (guint k = 0, len = g_rand_int_range (rand, 3, 11); k < len; k++)
        g_string_append_printf (s, "%s%s", k ? " " : "",
                                (char *) words->pdata[g_rand_int_range (rand, 0, n_words)]);
      g_ptr_array_add (queries, g_string_free (s, FALSE));
    }

  t0 = now_us ();
  va_recognizer_build (rec);
  first_ms = (now_us () - t0) / 1e3;
  printf ("scale_topics=%u phrases=%u\n", n_topics, n_topics * 10);
  printf ("scale_first_build_ms=%.2f\n", first_ms);
  printf ("scale_build_ms=%.2f (sync, trained)\n", time_build (rec));
  {
    double index_ms, ready_ms;

    time_build_async (rec, &index_ms, &ready_ms);
    printf ("scale_async_build_ms=%.2f (returns; centroids usable)\n", index_ms);
    printf ("scale_async_model_ready_ms=%.2f\n", ready_ms);
  }
  va_recognizer_set_trained (rec, FALSE);
  printf ("scale_untrained_build_ms=%.2f\n", time_build (rec));
  va_recognizer_set_trained (rec, !untrained);
  va_recognizer_build (rec);

  us = g_new (double, queries->len);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < queries->len; i++)
      {
        VaRecognizerMatch m[3];

        t0 = now_us ();
        va_recognizer_rank (rec, queries->pdata[i], m, G_N_ELEMENTS (m));
        us[i] = now_us () - t0;
      }
  printf ("scale_median_us=%.2f\n", quantile (us, queries->len, 0.5));
  printf ("scale_p95_us=%.2f\n", quantile (us, queries->len, 0.95));
  g_rand_free (rand);
  return 0;
}

int
main (int argc, char **argv)
{
  g_autofree char *train = NULL, *valid = NULL, *test = NULL, *language = NULL;
  int scale = 0;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  GOptionEntry entries[] = {
    { "train", 0, 0, G_OPTION_ARG_FILENAME, &train, "Trigger phrases (TSV)", "FILE" },
    { "valid", 0, 0, G_OPTION_ARG_FILENAME, &valid, "Validation set for the threshold", "FILE" },
    { "test", 0, 0, G_OPTION_ARG_FILENAME, &test, "Test set", "FILE" },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, "Language (default en)", "CODE" },
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale, "Time N synthetic topics x 10 phrases", "N" },
    { "untrained", 0, 0, G_OPTION_ARG_NONE, &untrained, "Centroids only, no linear model", NULL },
    { NULL }
  };

  context = g_option_context_new ("- measure the trigger-phrase recognizer");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-recognizer: %s\n", error->message);
      return 2;
    }
  if (scale > 0)
    return run_scale ((guint) scale);
  if (train == NULL || valid == NULL || test == NULL)
    {
      g_printerr ("bench-recognizer: need --train, --valid and --test, or --scale N\n");
      return 2;
    }
  return run_dataset (train, valid, test, language != NULL ? language : "en");
}
