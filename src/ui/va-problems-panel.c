/* va-problems-panel.c — the bot's problems as a list; activating one shows its place
 *
 * The list is the model's va_bot_check_problems() result, kept in one GListStore that the
 * template's list view shows. Checking is cheap (a few tens of milliseconds for 50,000 nodes)
 * but not free, so it runs once the author pauses: 300 ms after the last change. The panel hears
 * of changes from the undo history, which every edit goes through, rather than from a notify
 * handler on each of the document's objects: one signal instead of one per node, choice, branch
 * and clause, and nothing to keep in step as nodes come and go.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-problems-panel.h"
#include "va-problems.h"

#define CHECK_DELAY_MS 300

struct _VaProblemsPanel
{
  GtkWidget   parent_instance;

  VaBot      *bot;
  VaHistory  *history;
  GHashTable *counts;          /* topic id → number of problems */
  guint       check_source;

  /* template objects */
  GListStore *problems;
  GtkStack   *stack;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (VaProblemsPanel, va_problems_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BOT,
  PROP_HISTORY,
  PROP_N_PROBLEMS,
  N_PROPS
};

enum {
  SIGNAL_PROBLEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* {{{ Row closures (the list item template's <closure>s) */

static char *
severity_icon_name (GtkListItem       *item,
                    VaProblemSeverity  severity)
{
  return g_strdup (severity == VA_PROBLEM_ERROR ? "dialog-error-symbolic" : "dialog-warning-symbolic");
}

static GStrv
severity_css_classes (GtkListItem       *item,
                      VaProblemSeverity  severity)
{
  const char *classes[] = { severity == VA_PROBLEM_ERROR ? "error" : "warning", NULL };

  return g_strdupv ((char **) classes);
}

static char *
severity_label (GtkListItem       *item,
                VaProblemSeverity  severity)
{
  return g_strdup (severity == VA_PROBLEM_ERROR ? _("Error") : _("Warning"));
}

/* }}} */
/* {{{ Checking */

static gboolean
same_problems (GListModel *a,
               GListModel *b)
{
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VaProblem) pa = g_list_model_get_item (a, i);
      g_autoptr(VaProblem) pb = g_list_model_get_item (b, i);

      if (!va_problem_equal (pa, pb))
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_counts (GHashTable *a,
             GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_hash_table_lookup (b, key) != value)
      return FALSE;
  return TRUE;
}

static void
check_now (VaProblemsPanel *self)
{
  g_autoptr(GListStore) found = NULL;
  g_autoptr(GHashTable) counts = NULL;
  guint n;

  g_clear_handle_id (&self->check_source, g_source_remove);

  found = self->bot != NULL ? va_bot_check_problems (self->bot) : g_list_store_new (VA_TYPE_PROBLEM);
  n = g_list_model_get_n_items (G_LIST_MODEL (found));

  /* Replacing equal rows would only lose the scroll position and the keyboard focus. */
  if (!same_problems (G_LIST_MODEL (found), G_LIST_MODEL (self->problems)))
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (found), i));
      g_list_store_splice (self->problems, 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->problems)),
                           items->pdata, items->len);
    }
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");

  counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VaProblem) problem = g_list_model_get_item (G_LIST_MODEL (found), i);
      const char *topic_id = va_problem_get_topic_id (problem);
      guint count;

      if (topic_id == NULL)
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, topic_id));
      g_hash_table_replace (counts, g_strdup (topic_id), GUINT_TO_POINTER (count + 1));
    }
  if (!same_counts (counts, self->counts))
    {
      g_hash_table_unref (self->counts);
      self->counts = g_steal_pointer (&counts);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROBLEMS]);
    }
}

static gboolean
check_timeout (gpointer user_data)
{
  VaProblemsPanel *self = user_data;

  self->check_source = 0;
  check_now (self);
  return G_SOURCE_REMOVE;
}

/**
 * va_problems_panel_queue_check:
 * @self: a problems panel
 *
 * Checks the bot again 300 ms after the last call: a burst of changes (typing, dragging) costs
 * one check. Changes made through the panel's history need no call.
 */
void
va_problems_panel_queue_check (VaProblemsPanel *self)
{
  g_return_if_fail (VA_IS_PROBLEMS_PANEL (self));

  g_clear_handle_id (&self->check_source, g_source_remove);
  self->check_source = g_timeout_add (CHECK_DELAY_MS, check_timeout, self);
  g_source_set_name_by_id (self->check_source, "[va] check problems");
}

static void
topics_changed (VaProblemsPanel *self,
                guint            position,
                guint            removed,
                guint            added,
                GListModel      *topics)
{
  va_problems_panel_queue_check (self);
}

/* }}} */
/* {{{ Activation */

static void
list_activated (GtkListView     *list_view,
                guint            position,
                VaProblemsPanel *self)
{
  g_autoptr(VaProblem) problem = g_list_model_get_item (G_LIST_MODEL (self->problems), position);

  if (problem == NULL)
    return;
  g_signal_emit (self, signals[SIGNAL_PROBLEM_ACTIVATED], 0, va_problem_get_topic_id (problem),
                 va_problem_get_node_id (problem));
}

/* }}} */
/* {{{ GObject */

static void
va_problems_panel_dispose (GObject *object)
{
  VaProblemsPanel *self = VA_PROBLEMS_PANEL (object);

  g_clear_handle_id (&self->check_source, g_source_remove);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  if (self->bot != NULL)
    {
      g_signal_handlers_disconnect_by_data (va_bot_get_topics (self->bot), self);
      g_signal_handlers_disconnect_by_data (self->bot, self);
    }
  g_clear_object (&self->history);
  g_clear_object (&self->bot);
  gtk_widget_dispose_template (GTK_WIDGET (self), VA_TYPE_PROBLEMS_PANEL);

  G_OBJECT_CLASS (va_problems_panel_parent_class)->dispose (object);
}

static void
va_problems_panel_finalize (GObject *object)
{
  VaProblemsPanel *self = VA_PROBLEMS_PANEL (object);

  g_clear_pointer (&self->counts, g_hash_table_unref);

  G_OBJECT_CLASS (va_problems_panel_parent_class)->finalize (object);
}

static void
va_problems_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VaProblemsPanel *self = VA_PROBLEMS_PANEL (object);

  switch (prop_id)
    {
    case PROP_BOT:
      g_value_set_object (value, self->bot);
      break;

    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_N_PROBLEMS:
      g_value_set_uint (value, va_problems_panel_get_n_problems (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_problems_panel_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  VaProblemsPanel *self = VA_PROBLEMS_PANEL (object);

  switch (prop_id)
    {
    case PROP_BOT:
      va_problems_panel_set_bot (self, g_value_get_object (value));
      break;

    case PROP_HISTORY:
      va_problems_panel_set_history (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_problems_panel_class_init (VaProblemsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = va_problems_panel_dispose;
  object_class->finalize = va_problems_panel_finalize;
  object_class->get_property = va_problems_panel_get_property;
  object_class->set_property = va_problems_panel_set_property;

  properties[PROP_BOT] =
    g_param_spec_object ("bot", NULL, NULL, VA_TYPE_BOT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, VA_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PROBLEMS] =
    g_param_spec_uint ("n-problems", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VaProblemsPanel::problem-activated:
   * @self: the panel
   * @topic_id: the topic of the problem
   * @node_id: (nullable): its node, or %NULL for a problem of the whole topic
   *
   * The author picked a problem (click, or Enter on the focused row) to see its place.
   */
  signals[SIGNAL_PROBLEM_ACTIVATED] =
    g_signal_new ("problem-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  g_type_ensure (VA_TYPE_PROBLEM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/VirtualAgent/ui/va-problems-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, VaProblemsPanel, problems);
  gtk_widget_class_bind_template_child (widget_class, VaProblemsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, VaProblemsPanel, list_view);
  gtk_widget_class_bind_template_callback (widget_class, list_activated);
  gtk_widget_class_bind_template_callback (widget_class, severity_icon_name);
  gtk_widget_class_bind_template_callback (widget_class, severity_css_classes);
  gtk_widget_class_bind_template_callback (widget_class, severity_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "problemspanel");
}

static void
va_problems_panel_init (VaProblemsPanel *self)
{
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* }}} */
/* {{{ Public API */

GtkWidget *
va_problems_panel_new (void)
{
  return g_object_new (VA_TYPE_PROBLEMS_PANEL, NULL);
}

/**
 * va_problems_panel_set_bot:
 * @self: a problems panel
 * @bot: (nullable): the bot to check
 *
 * Shows the problems of @bot at once, then keeps them up to date (see
 * va_problems_panel_set_history()).
 */
void
va_problems_panel_set_bot (VaProblemsPanel *self,
                           VaBot           *bot)
{
  g_return_if_fail (VA_IS_PROBLEMS_PANEL (self));
  g_return_if_fail (bot == NULL || VA_IS_BOT (bot));

  if (self->bot == bot)
    return;

  if (self->bot != NULL)
    {
      g_signal_handlers_disconnect_by_data (va_bot_get_topics (self->bot), self);
      g_signal_handlers_disconnect_by_data (self->bot, self);
    }
  g_set_object (&self->bot, bot);
  if (bot != NULL)
    {
      g_signal_connect_object (va_bot_get_topics (bot), "items-changed",
                               G_CALLBACK (topics_changed), self, G_CONNECT_SWAPPED);
      /* The hub link decides the "[link]" warning. */
      g_signal_connect_object (bot, "notify", G_CALLBACK (va_problems_panel_queue_check), self,
                               G_CONNECT_SWAPPED);
    }

  check_now (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOT]);
}

VaBot *
va_problems_panel_get_bot (VaProblemsPanel *self)
{
  g_return_val_if_fail (VA_IS_PROBLEMS_PANEL (self), NULL);

  return self->bot;
}

/**
 * va_problems_panel_set_history:
 * @self: a problems panel
 * @history: (nullable): the undo history of the bot
 *
 * Every step done, undone or redone on @history queues a check.
 */
void
va_problems_panel_set_history (VaProblemsPanel *self,
                               VaHistory       *history)
{
  g_return_if_fail (VA_IS_PROBLEMS_PANEL (self));
  g_return_if_fail (history == NULL || VA_IS_HISTORY (history));

  if (self->history == history)
    return;

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_set_object (&self->history, history);
  /* The history notifies "can-undo" after every do, undo, redo and merge, changed or not. */
  if (history != NULL)
    g_signal_connect_object (history, "notify::can-undo", G_CALLBACK (va_problems_panel_queue_check),
                             self, G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

VaHistory *
va_problems_panel_get_history (VaProblemsPanel *self)
{
  g_return_val_if_fail (VA_IS_PROBLEMS_PANEL (self), NULL);

  return self->history;
}

/**
 * va_problems_panel_get_problems:
 * @self: a problems panel
 *
 * Returns: (transfer none): the #VaProblem list the panel shows
 */
GListModel *
va_problems_panel_get_problems (VaProblemsPanel *self)
{
  g_return_val_if_fail (VA_IS_PROBLEMS_PANEL (self), NULL);

  return G_LIST_MODEL (self->problems);
}

guint
va_problems_panel_get_n_problems (VaProblemsPanel *self)
{
  g_return_val_if_fail (VA_IS_PROBLEMS_PANEL (self), 0);

  return self->problems != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->problems)) : 0;
}

/**
 * va_problems_panel_count_for_topic:
 * @self: a problems panel
 * @topic_id: a topic id
 *
 * Returns: how many of the problems shown are about @topic_id or its nodes
 */
guint
va_problems_panel_count_for_topic (VaProblemsPanel *self,
                                   const char      *topic_id)
{
  g_return_val_if_fail (VA_IS_PROBLEMS_PANEL (self), 0);

  if (topic_id == NULL)
    return 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, topic_id));
}

/* }}} */
