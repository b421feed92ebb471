/* bench-canvas.c — frame timings of the canvas while it pans and zooms
 *
 * For each size, builds a connected topic (questions, conditions, actions, messages…, laid
 * out by the canvas's own tidy layout), shows it in a 1280×800 window and drives a scripted
 * path for a few seconds, changing the view on every frame: a pan at natural size, a zoom out
 * and back in (through the simpler level of detail), a pan zoomed out. It reads the frame
 * clock: the interval between frames, and the time to snapshot and render one frame (from the
 * end of the clock's update/layout phases to its after-paint phase). One line per size:
 *   nodes=1000 interval_median_ms=16.7 interval_p95_ms=20.0 render_median_ms=5.1
 *
 * Run it through tests/bench/run-canvas-bench.sh (Xvfb, GSK_RENDERER=cairo).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "va-action-node.h"
#include "va-canvas-private.h"
#include "va-choice.h"
#include "va-clause.h"
#include "va-condition-branch.h"
#include "va-condition-node.h"
#include "va-history.h"
#include "va-message-node.h"
#include "va-question-node.h"
#include "va-redirect-node.h"
#include "va-screenshot.h"
#include "va-set-variable-node.h"

#define PHASE_SECONDS 2.0
#define WARM_UP_FRAMES 5

static const char * const words[] = {
  "order", "store", "refund", "delivery", "address", "please", "thanks", "your", "we", "can",
  "help", "with", "the", "return", "label", "today", "open", "hours", "agent", "email",
};

typedef struct
{
  GtkWidget *window;
  VaCanvas  *canvas;
  GArray    *intervals;    /* ms */
  GArray    *renders;      /* ms */
  GArray    *phase_renders[3];
  GArray    *cpu_renders[3];  /* thread CPU time: what the machine's load does not change */
  gint64     layout_cpu;
  int        phase;
  gint64     start_time;
  gint64     last_paint;
  gint64     layout_done;
  guint      frames;
  gboolean   done;
  graphene_rect_t bounds;
  double     cx, cy;       /* model point at the centre of the view */
} Bench;

static char *
sentence (GRand *rand,
          guint  n_words)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
  out->str[0] = g_ascii_toupper (out->str[0]);
  g_string_append_c (out, '.');
  return g_string_free (out, FALSE);
}

static VaNode *
random_node (GRand *rand,
             guint  index)
{
  g_autofree char *id = g_strdup_printf ("n%u", index + 1);
  g_autofree char *text = sentence (rand, g_rand_int_range (rand, 4, 18));
  int kind = g_rand_int_range (rand, 0, 100);

  if (kind < 50)
    {
      VaMessageNode *node = va_message_node_new (id);

      va_message_node_set_text (node, text);
      return VA_NODE (node);
    }
  if (kind < 70)
    {
      VaQuestionNode *node = va_question_node_new (id);
      guint n = g_rand_int_range (rand, 2, 4);

      va_question_node_set_prompt (node, text);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VaChoice) choice = va_choice_new ();
          g_autofree char *label = g_strdup_printf ("Option %c", 'A' + i);

          va_choice_set_label (choice, label);
          g_list_store_append (G_LIST_STORE (va_question_node_get_options (node)), choice);
        }
      return VA_NODE (node);
    }
  if (kind < 80)
    {
      VaConditionNode *node = va_condition_node_new (id);
      g_autoptr(VaConditionBranch) branch = va_condition_branch_new ();
      g_autoptr(VaClause) clause = va_clause_new ();

      va_clause_set_variable (clause, "Amount");
      va_clause_set_operator (clause, VA_OPERATOR_GREATER);
      va_clause_set_value (clause, "100");
      g_list_store_append (G_LIST_STORE (va_condition_branch_get_clauses (branch)), clause);
      g_list_store_append (G_LIST_STORE (va_condition_node_get_branches (node)), branch);
      return VA_NODE (node);
    }
  if (kind < 88)
    {
      VaSetVariableNode *node = va_set_variable_node_new (id);

      va_set_variable_node_set_variable (node, "Status");
      va_set_variable_node_set_value (node, text);
      return VA_NODE (node);
    }
  if (kind < 95)
    {
      VaActionNode *node = va_action_node_new (id);

      va_action_node_set_url (node, "https://api.example.com/orders/{OrderNumber}");
      return VA_NODE (node);
    }
  {
    VaRedirectNode *node = va_redirect_node_new (id);

    va_redirect_node_set_topic (node, "end-of-conversation");
    return VA_NODE (node);
  }
}

/* A connected graph: each new node hangs from a free port of one of the last nodes made (a
 * tree that grows about as wide as it is deep), then some free ports join later nodes. */
static VaTopic *
build_topic (guint n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) free_ports = g_array_new (FALSE, FALSE, sizeof (guint64));
  VaTopic *topic = va_topic_new ();
  guint window = MAX (6, (guint) sqrt (n));

  va_topic_set_id (topic, "bench");
  va_topic_set_name (topic, "Bench");
  for (guint i = 0; i < n; i++)
    {
      VaNode *node = random_node (rand, i);
      g_autoptr(GPtrArray) ports = va_node_list_ports (node);

      if (i > 0)
        {
          guint first = free_ports->len, pick;
          guint64 slot;

          /* A free port of one of the last nodes (free_ports is in node order): the graph grows
           * about as deep as it is wide, like a long conversation with branches. */
          while (first > 0 && (g_array_index (free_ports, guint64, first - 1) >> 32) + window >= i)
            first--;
          pick = first < free_ports->len ? (guint) g_rand_int_range (rand, first, free_ports->len)
                                         : free_ports->len - 1;
          slot = g_array_index (free_ports, guint64, pick);
          g_array_remove_index (free_ports, pick);
          {
            VaNode *parent = g_ptr_array_index (nodes, slot >> 32);
            g_autoptr(GPtrArray) parent_ports = va_node_list_ports (parent);
            VaPort *port = g_ptr_array_index (parent_ports, (guint) (slot & 0xffffffff));

            g_object_set (port->owner, port->property, va_node_get_id (node), NULL);
          }
        }
      for (guint j = 0; j < ports->len; j++)
        {
          guint64 slot = ((guint64) i << 32) | j;

          g_array_append_val (free_ports, slot);
        }
      g_ptr_array_add (nodes, node);
    }

  /* Joins: a third of the free ports go on to a node a little further down. */
  for (guint k = 0; k < free_ports->len; k++)
    {
      guint64 slot = g_array_index (free_ports, guint64, k);
      guint from = slot >> 32;
      guint to = from + g_rand_int_range (rand, 1, window);

      if (to < n && g_rand_int_range (rand, 0, 3) == 0)
        {
          g_autoptr(GPtrArray) ports = va_node_list_ports (g_ptr_array_index (nodes, from));
          VaPort *port = g_ptr_array_index (ports, (guint) (slot & 0xffffffff));

          g_object_set (port->owner, port->property, va_node_get_id (g_ptr_array_index (nodes, to)), NULL);
        }
    }

  for (guint i = 0; i < n; i++)
    g_list_store_append (G_LIST_STORE (va_topic_get_nodes (topic)), g_ptr_array_index (nodes, i));
  va_topic_set_start (topic, "n1");
  return topic;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  g_autofree double *sorted = NULL;
  guint index;

  if (values->len == 0)
    return 0;
  sorted = g_memdup2 (values->data, values->len * sizeof (double));
  qsort (sorted, values->len, sizeof (double), compare_doubles);
  index = (guint) MIN (values->len - 1, floor (p * (values->len - 1) + 0.5));
  return sorted[index];
}

/* The view for time t (seconds): pan at zoom 1, zoom out to 0.15 and back, pan at 0.3. */
static void
view_at (Bench  *b,
         double  t,
         double *zoom,
         double *cx,
         double *cy)
{
  double speed = 700; /* widget pixels per second */

  if (t < PHASE_SECONDS)
    {
      *zoom = 1.0;
      *cx = b->cx + speed * t * cos (t * 1.3);
      *cy = b->cy + speed * t * sin (t * 1.3) * 0.6;
    }
  else if (t < 2 * PHASE_SECONDS)
    {
      double u = (t - PHASE_SECONDS) / PHASE_SECONDS;

      *zoom = exp (log (0.15) * sin (u * G_PI));
      *cx = b->cx;
      *cy = b->cy;
    }
  else
    {
      double u = t - 2 * PHASE_SECONDS;

      *zoom = 0.3;
      *cx = b->cx + speed / 0.3 * u * cos (u * 1.7) * 0.5;
      *cy = b->cy + speed / 0.3 * u * sin (u * 1.7) * 0.3;
    }
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Bench *b = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double t, zoom, cx, cy;

  if (b->start_time == 0)
    b->start_time = now;
  t = (now - b->start_time) / (double) G_USEC_PER_SEC;
  if (t > 3 * PHASE_SECONDS)
    {
      b->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  if (g_getenv ("VA_BENCH_PHASE") != NULL)
    {
      /* Profiling one phase: stay in it for three phases' time. */
      int only = atoi (g_getenv ("VA_BENCH_PHASE"));

      t = only * PHASE_SECONDS + fmod (t, PHASE_SECONDS);
      if (now - b->start_time > 3 * PHASE_SECONDS * G_USEC_PER_SEC)
        {
          b->done = TRUE;
          return G_SOURCE_REMOVE;
        }
    }
  b->phase = MIN (2, (int) (t / PHASE_SECONDS));
  view_at (b, t, &zoom, &cx, &cy);
  va_canvas_set_view (b->canvas, zoom, 640 - cx * zoom, 400 - cy * zoom);
  return G_SOURCE_CONTINUE;
}

static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* The last phase before paint: what follows is snapshot and render. */
static void
phase_done_cb (GdkFrameClock *clock,
               Bench         *b)
{
  b->layout_done = g_get_monotonic_time ();
  b->layout_cpu = thread_cpu_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *b)
{
  gint64 now = g_get_monotonic_time ();

  if (b->start_time == 0 || b->done)
    return;
  if (b->frames++ >= WARM_UP_FRAMES)
    {
      double interval = (now - b->last_paint) / 1000.0;
      double render = (now - b->layout_done) / 1000.0;

      g_array_append_val (b->intervals, interval);
      g_array_append_val (b->renders, render);
      double cpu = (thread_cpu_time () - b->layout_cpu) / 1000.0;

      g_array_append_val (b->phase_renders[b->phase], render);
      g_array_append_val (b->cpu_renders[b->phase], cpu);
    }
  b->last_paint = now;
}

static void
run_size (guint    n,
          gboolean verbose)
{
  g_autoptr(VaTopic) topic = build_topic (n);
  g_autoptr(VaHistory) history = va_history_new ();
  Bench b = { 0, };
  GdkFrameClock *clock;
  gulong update_id, layout_id, paint_id;
  gint64 t0;

  b.intervals = g_array_new (FALSE, FALSE, sizeof (double));
  b.renders = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < 3; i++)
    {
      b.phase_renders[i] = g_array_new (FALSE, FALSE, sizeof (double));
      b.cpu_renders[i] = g_array_new (FALSE, FALSE, sizeof (double));
    }
  b.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (b.window), 1280, 800);
  gtk_window_set_decorated (GTK_WINDOW (b.window), FALSE);
  b.canvas = VA_CANVAS (va_canvas_new ());
  va_canvas_set_history (b.canvas, history);
  va_canvas_set_topic (b.canvas, topic);
  gtk_window_set_child (GTK_WINDOW (b.window), GTK_WIDGET (b.canvas));
  gtk_window_present (GTK_WINDOW (b.window));
  gtk_test_widget_wait_for_draw (b.window);

  t0 = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (b.canvas), "canvas.tidy", NULL);
  if (verbose)
    g_printerr ("nodes=%u tidy_ms=%.1f\n", n, (g_get_monotonic_time () - t0) / 1000.0);
  va_canvas_get_bounds (b.canvas, &b.bounds);
  {
    /* Start in the thick of it: on the node made halfway. */
    g_autofree char *middle = g_strdup_printf ("n%u", n / 2 + 1);
    VaCanvasCard *card = va_canvas_find_card (b.canvas, middle);

    b.cx = card->x + card->w / 2;
    b.cy = card->y + card->h / 2;
  }
  if (g_getenv ("VA_SCREENSHOT_DIR") != NULL)
    {
      /* What the benchmark draws, to look at: the whole graph, and the start at zoom 1. */
      g_autofree char *fit = g_strdup_printf ("%s/bench-canvas-%u-fit.png", g_getenv ("VA_SCREENSHOT_DIR"), n);
      g_autofree char *natural = g_strdup_printf ("%s/bench-canvas-%u.png", g_getenv ("VA_SCREENSHOT_DIR"), n);

      gtk_widget_activate_action (GTK_WIDGET (b.canvas), "canvas.zoom-fit", NULL);
      va_screenshot_save (b.window, fit, NULL);
      va_canvas_set_view (b.canvas, 1.0, 640 - b.cx, 400 - b.cy);
      va_screenshot_save (b.window, natural, NULL);
    }
  va_canvas_set_view (b.canvas, 1.0, 640 - b.cx, 400 - b.cy);
  gtk_test_widget_wait_for_draw (b.window);

  clock = gtk_widget_get_frame_clock (b.window);
  /* The update phase runs the tick callbacks; the layout phase only runs after a resize. */
  update_id = g_signal_connect_after (clock, "update", G_CALLBACK (phase_done_cb), &b);
  layout_id = g_signal_connect_after (clock, "layout", G_CALLBACK (phase_done_cb), &b);
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &b);
  gtk_widget_add_tick_callback (GTK_WIDGET (b.canvas), tick_cb, &b, NULL);
  while (!b.done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, update_id);
  g_signal_handler_disconnect (clock, layout_id);
  g_signal_handler_disconnect (clock, paint_id);

  g_print ("nodes=%u interval_median_ms=%.1f interval_p95_ms=%.1f render_median_ms=%.1f\n", n,
           percentile (b.intervals, 0.5), percentile (b.intervals, 0.95), percentile (b.renders, 0.5));
  if (verbose)
    g_printerr ("nodes=%u frames=%u render_p95_ms=%.1f render_max_ms=%.1f interval_max_ms=%.1f\n", n,
                b.intervals->len, percentile (b.renders, 0.95), percentile (b.renders, 1.0),
                percentile (b.intervals, 1.0));
  if (verbose)
    g_printerr ("nodes=%u render_median_ms pan@1=%.1f zoom=%.1f pan@0.3=%.1f; p95 %.1f %.1f %.1f\n", n,
                percentile (b.phase_renders[0], 0.5), percentile (b.phase_renders[1], 0.5),
                percentile (b.phase_renders[2], 0.5), percentile (b.phase_renders[0], 0.95),
                percentile (b.phase_renders[1], 0.95), percentile (b.phase_renders[2], 0.95));
  if (verbose)
    g_printerr ("nodes=%u render_cpu_median_ms pan@1=%.1f zoom=%.1f pan@0.3=%.1f\n", n,
                percentile (b.cpu_renders[0], 0.5), percentile (b.cpu_renders[1], 0.5),
                percentile (b.cpu_renders[2], 0.5));

  gtk_window_destroy (GTK_WINDOW (b.window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_array_unref (b.intervals);
  g_array_unref (b.renders);
  for (guint i = 0; i < 3; i++)
    {
      g_array_unref (b.phase_renders[i]);
      g_array_unref (b.cpu_renders[i]);
    }
}

int
main (int    argc,
      char **argv)
{
  gboolean verbose = FALSE;
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint));

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--verbose"))
        verbose = TRUE;
      else
        {
          guint n = (guint) g_ascii_strtoull (argv[i], NULL, 10);

          if (n > 0)
            g_array_append_val (sizes, n);
        }
    }
  if (sizes->len == 0)
    {
      static const guint defaults[] = { 100, 1000, 5000 };

      g_array_append_vals (sizes, defaults, G_N_ELEMENTS (defaults));
    }

  gtk_init ();
  adw_init ();
  for (guint i = 0; i < sizes->len; i++)
    run_size (g_array_index (sizes, guint, i), verbose);
  return 0;
}
