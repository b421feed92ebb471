/* va-inspector-lists.c — the lists of a node: variations, options, branches and their clauses,
 * headers, response mappings
 *
 * A list of objects (a GListStore of the document) is shown by a container whose rows follow
 * the store's items-changed: only the rows of the items that changed are made again, so the
 * other rows keep their state (expanded, focus) while the user edits. Adding and removing go
 * through va_history_insert/remove in a labelled group, so "Undo Add Option" reads right.
 *
 * A list of strings (variations, headers) is one string-vector property: a row per string,
 * typing in a row replaces the whole vector (one continuous step), adding and removing set it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "va-inspector-private.h"
#include "va-choice.h"
#include "va-clause.h"
#include "va-condition-branch.h"
#include "va-condition-node.h"
#include "va-action-node.h"
#include "va-message-node.h"
#include "va-question-node.h"
#include "va-response-mapping.h"

static void
expander_add_suffix (AdwExpanderRow *row,
                     GtkWidget      *widget)
{
#if ADW_CHECK_VERSION (1, 4, 0)
  adw_expander_row_add_suffix (row, widget);
#else
  adw_expander_row_add_action (row, widget);
#endif
}

static const char *
nonempty (const char *str)
{
  return str != NULL && str[0] != '\0' ? str : NULL;
}

/* {{{ Rows that follow a GListModel */

typedef GtkWidget *(*RowFactory) (VaInspector *self,
                                  GListModel  *model,
                                  gpointer     item);
typedef void       (*ListChanged) (VaInspector *self,
                                   GtkWidget   *container,
                                   GListModel  *model);

typedef struct
{
  VaInspector *inspector;
  GtkWidget   *container;   /* a GtkListBox or a vertical GtkBox */
  GListModel  *model;
  guint        offset;      /* fixed rows before the items' rows */
  guint        n_rows;
  RowFactory   factory;
  ListChanged  changed;
  gulong       handler;
} ListBinding;

static GQuark
list_quark (void)
{
  return g_quark_from_static_string ("va-inspector-list");
}

static GtkWidget *
container_nth (GtkWidget *container,
               guint      position)
{
  GtkWidget *child;

  if (GTK_IS_LIST_BOX (container))
    return GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (container), position));

  child = gtk_widget_get_first_child (container);
  for (guint i = 0; child != NULL && i < position; i++)
    child = gtk_widget_get_next_sibling (child);
  return child;
}

static void
container_insert (GtkWidget *container,
                  GtkWidget *widget,
                  guint      position)
{
  if (GTK_IS_LIST_BOX (container))
    gtk_list_box_insert (GTK_LIST_BOX (container), widget, position);
  else
    gtk_box_insert_child_after (GTK_BOX (container), widget,
                                position > 0 ? container_nth (container, position - 1) : NULL);
}

static void
container_remove (GtkWidget *container,
                  GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (container))
    gtk_list_box_remove (GTK_LIST_BOX (container), widget);
  else
    gtk_box_remove (GTK_BOX (container), widget);
}

static void
list_items_changed_cb (GListModel  *model,
                       guint        position,
                       guint        removed,
                       guint        added,
                       ListBinding *binding)
{
  for (guint i = 0; i < removed; i++)
    {
      GtkWidget *row = container_nth (binding->container, binding->offset + position);

      if (row != NULL)
        container_remove (binding->container, row);
    }
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, position + i);
      GtkWidget *row = binding->factory (binding->inspector, model, item);

      g_object_set_data_full (G_OBJECT (row), "va-item", g_object_ref (item), g_object_unref);
      container_insert (binding->container, row, binding->offset + position + i);
    }
  binding->n_rows = binding->n_rows + added - removed;
  if (binding->changed != NULL)
    binding->changed (binding->inspector, binding->container, model);
}

static void
list_binding_disconnect (ListBinding *binding)
{
  if (binding->model != NULL)
    g_clear_signal_handler (&binding->handler, binding->model);
  g_clear_object (&binding->model);
}

static void
list_binding_free (ListBinding *binding)
{
  list_binding_disconnect (binding);
  g_free (binding);
}

static void
list_container_destroy_cb (GtkWidget   *container,
                           ListBinding *binding)
{
  list_binding_disconnect (binding);
}

static void
bind_list (VaInspector *self,
           GtkWidget   *container,
           guint        offset,
           GListModel  *model,
           RowFactory   factory,
           ListChanged  changed)
{
  ListBinding *binding;

  va_inspector_unbind_list (container);

  binding = g_new0 (ListBinding, 1);
  binding->inspector = self;
  binding->container = container;
  binding->model = g_object_ref (model);
  binding->offset = offset;
  binding->factory = factory;
  binding->changed = changed;
  g_object_set_qdata_full (G_OBJECT (container), list_quark (), binding,
                           (GDestroyNotify) list_binding_free);
  g_signal_connect (container, "destroy", G_CALLBACK (list_container_destroy_cb), binding);
  binding->handler = g_signal_connect (model, "items-changed",
                                       G_CALLBACK (list_items_changed_cb), binding);
  list_items_changed_cb (model, 0, 0, g_list_model_get_n_items (model), binding);
}

/* The row that shows the item at @position of the list bound to @container. */
static GtkWidget *
list_get_row (GtkWidget *container,
              guint      position)
{
  ListBinding *binding = g_object_get_qdata (G_OBJECT (container), list_quark ());

  g_return_val_if_fail (binding != NULL, NULL);
  return container_nth (container, binding->offset + position);
}

/* Opens a new row and puts the cursor in its first field. */
static void
focus_row (GtkWidget *row)
{
  GtkWidget *focus;

  if (row == NULL)
    return;
  if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  focus = g_object_get_data (G_OBJECT (row), "va-focus");
  gtk_widget_grab_focus (focus != NULL ? focus : row);
}

static guint
item_position (GListModel *model,
               gpointer    item)
{
  guint position;

  if (!g_list_store_find (G_LIST_STORE (model), item, &position))
    return GTK_INVALID_LIST_POSITION;
  return position;
}

static void
insert_item (VaInspector *self,
             GListModel  *model,
             guint        position,
             gpointer     item,
             const char  *label)
{
  if (self->history == NULL)
    {
      g_list_store_insert (G_LIST_STORE (model), position, item);
      return;
    }
  va_history_begin (self->history, label);
  va_history_insert (self->history, model, position, item);
  va_history_end (self->history);
}

static void
remove_item (VaInspector *self,
             GListModel  *model,
             gpointer     item,
             const char  *label)
{
  guint position = item_position (model, item);

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  if (self->history == NULL)
    {
      g_list_store_remove (G_LIST_STORE (model), position);
      return;
    }
  va_history_begin (self->history, label);
  va_history_remove (self->history, model, position);
  va_history_end (self->history);
}

/* Moves @item by @delta places as one step; the focus stays on the button that moved it. */
static void
move_item (VaInspector *self,
           GtkWidget   *container,
           GListModel  *model,
           gpointer     item,
           int          delta,
           const char  *label)
{
  g_autoptr(GObject) keep G_GNUC_UNUSED = g_object_ref (item);
  guint position = item_position (model, item);
  gboolean expanded = FALSE;
  GtkWidget *row;

  if (position == GTK_INVALID_LIST_POSITION ||
      (delta < 0 && position == 0) ||
      (delta > 0 && position + 1 >= g_list_model_get_n_items (model)))
    return;

  row = list_get_row (container, position);
  if (ADW_IS_EXPANDER_ROW (row))
    expanded = adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row));

  if (self->history != NULL)
    {
      va_history_begin (self->history, label);
      va_history_remove (self->history, model, position);
      va_history_insert (self->history, model, position + delta, item);
      va_history_end (self->history);
    }
  else
    {
      g_list_store_remove (G_LIST_STORE (model), position);
      g_list_store_insert (G_LIST_STORE (model), position + delta, item);
    }

  row = list_get_row (container, position + delta);
  if (row != NULL)
    {
      GtkWidget *up = g_object_get_data (G_OBJECT (row), "va-up");
      GtkWidget *down = g_object_get_data (G_OBJECT (row), "va-down");
      GtkWidget *button = delta < 0 ? up : down;

      if (ADW_IS_EXPANDER_ROW (row))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), expanded);
      if (button != NULL && !gtk_widget_get_sensitive (button))
        button = delta < 0 ? down : up;
      if (button != NULL)
        gtk_widget_grab_focus (button);
    }
}

/* Rows tell which item they show; the buttons inside find their row. */
static gpointer
row_item (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "va-item");
}

static VaInspector *
inspector_of (GtkWidget *widget)
{
  return VA_INSPECTOR (gtk_widget_get_ancestor (widget, VA_TYPE_INSPECTOR));
}

/* The row of a list that holds @button (an expander row has rows inside). */
static GtkWidget *
button_row (GtkWidget *button)
{
  for (GtkWidget *w = button; w != NULL; w = gtk_widget_get_parent (w))
    if (g_object_get_data (G_OBJECT (w), "va-item") != NULL ||
        g_object_get_data (G_OBJECT (w), "va-strv-row") != NULL)
      return w;
  g_return_val_if_reached (NULL);
}

/* }}} */
/* {{{ Lists of strings */

typedef struct
{
  VaInspector *inspector;
  GtkListBox  *list;
  GObject     *object;
  const char  *property;     /* interned */
  gboolean     headers;      /* HTTP headers, else a message's variations */
  const char  *remove_label;
  gulong       notify_id;
  gboolean     updating;
} StrvBinding;

static GQuark
strv_quark (void)
{
  return g_quark_from_static_string ("va-inspector-strv");
}

static GStrv
strv_get (StrvBinding *binding)
{
  GStrv strv = NULL;

  g_object_get (binding->object, binding->property, &strv, NULL);
  return strv != NULL ? strv : g_new0 (char *, 1);
}

static void
strv_set (StrvBinding *binding,
          GStrv        strv,
          gboolean     continuous,
          const char  *label)
{
  VaHistory *history = binding->inspector->history;
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRV);
  g_value_set_boxed (&value, strv);
  if (history == NULL)
    g_object_set_property (binding->object, binding->property, &value);
  else if (continuous)
    va_history_set_continuous (history, binding->object, binding->property, &value);
  else
    {
      va_history_begin (history, label);
      va_history_set_value (history, binding->object, binding->property, &value);
      va_history_end (history);
    }
}

/* A header is "Name: value"; a row without the colon is marked while it is wrong. */
static void
strv_row_check (StrvBinding *binding,
                GtkEditable *row)
{
  const char *text = gtk_editable_get_text (row);
  gboolean wrong = binding->headers && text[0] != '\0' && strchr (text, ':') == NULL;

  if (wrong)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row),
                               wrong ? _("Write the header as “Name: value”") : NULL);
}

static void
strv_row_changed_cb (GtkEditable *row,
                     StrvBinding *binding)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "va-index"));
  g_auto(GStrv) strv = NULL;

  strv_row_check (binding, row);
  if (binding->updating || binding->object == NULL)
    return;
  strv = strv_get (binding);
  if (index >= g_strv_length (strv) || g_strcmp0 (strv[index], gtk_editable_get_text (row)) == 0)
    return;
  g_free (strv[index]);
  strv[index] = g_strdup (gtk_editable_get_text (row));
  strv_set (binding, strv, TRUE, NULL);
}

static void
strv_remove_cb (GtkButton   *button,
                StrvBinding *binding)
{
  GtkWidget *row = button_row (GTK_WIDGET (button));
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "va-index"));
  g_auto(GStrv) strv = strv_get (binding);
  guint n = g_strv_length (strv);
  GtkWidget *next_focus;

  if (index >= n)
    return;
  g_free (strv[index]);
  memmove (strv + index, strv + index + 1, (n - index) * sizeof (char *));
  strv_set (binding, strv, FALSE, binding->remove_label);

  /* Keep the keyboard in the list: on the row that took its place, or the one before. */
  n--;
  next_focus = n > 0
    ? GTK_WIDGET (gtk_list_box_get_row_at_index (binding->list, MIN (index, n - 1)))
    : NULL;
  if (next_focus != NULL)
    gtk_widget_grab_focus (next_focus);
}

static void
strv_focus_leave_cb (GtkEventControllerFocus *controller,
                     StrvBinding             *binding)
{
  if (binding->inspector->history != NULL)
    va_history_seal (binding->inspector->history);
}

static GtkWidget *
strv_row_new (StrvBinding *binding,
              guint        index)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *remove = va_inspector_icon_button_new ("user-trash-symbolic", binding->remove_label);
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_autofree char *title = NULL;

  if (binding->headers)
    /* Translators: the title of the n-th HTTP header of a request */
    title = g_strdup_printf (_("Header %u"), index + 1);
  else
    /* Translators: the title of the n-th variation of a message */
    title = g_strdup_printf (_("Variation %u"), index + 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
  g_object_set_data (G_OBJECT (row), "va-index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (row), "va-remove", remove);
  g_object_set_data (G_OBJECT (row), "va-strv-row", GINT_TO_POINTER (TRUE));
  g_signal_connect (row, "changed", G_CALLBACK (strv_row_changed_cb), binding);
  g_signal_connect (remove, "clicked", G_CALLBACK (strv_remove_cb), binding);
  g_signal_connect (focus, "leave", G_CALLBACK (strv_focus_leave_cb), binding);
  gtk_widget_add_controller (row, focus);
  return row;
}

static void
strv_sync (StrvBinding *binding)
{
  g_auto(GStrv) strv = strv_get (binding);
  guint n = g_strv_length (strv);
  guint n_rows = 0;
  GtkWidget *child;

  while (gtk_list_box_get_row_at_index (binding->list, n_rows) != NULL)
    n_rows++;

  binding->updating = TRUE;
  /* Same number of strings: only the texts changed, and the rows (and the cursor) stay. */
  if (n_rows != n)
    {
      while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (binding->list, 0))) != NULL)
        gtk_list_box_remove (binding->list, child);
      for (guint i = 0; i < n; i++)
        gtk_list_box_append (binding->list, strv_row_new (binding, i));
    }
  for (guint i = 0; i < n; i++)
    {
      GtkEditable *row = GTK_EDITABLE (gtk_list_box_get_row_at_index (binding->list, i));

      if (g_strcmp0 (gtk_editable_get_text (row), strv[i]) != 0)
        gtk_editable_set_text (row, strv[i]);
    }
  binding->updating = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (binding->list), n > 0);
}

static void
strv_notify_cb (GObject     *object,
                GParamSpec  *pspec,
                StrvBinding *binding)
{
  strv_sync (binding);
}

static void
strv_binding_disconnect (StrvBinding *binding)
{
  GtkWidget *child;

  if (binding->object != NULL)
    g_clear_signal_handler (&binding->notify_id, binding->object);
  g_clear_object (&binding->object);
  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (binding->list, 0))) != NULL)
    gtk_list_box_remove (binding->list, child);
}

/* Shows the string vector @property of @object as rows of @list; NULL unbinds. */
void
va_inspector_bind_strv (VaInspector *self,
                        GtkListBox  *list,
                        gpointer     object,
                        const char  *property)
{
  StrvBinding *binding = g_object_get_qdata (G_OBJECT (list), strv_quark ());
  g_autofree char *signal = NULL;

  g_return_if_fail (binding != NULL);

  strv_binding_disconnect (binding);
  if (object == NULL)
    return;
  binding->object = g_object_ref (object);
  binding->property = g_intern_string (property);
  signal = g_strconcat ("notify::", property, NULL);
  binding->notify_id = g_signal_connect (object, signal, G_CALLBACK (strv_notify_cb), binding);
  strv_sync (binding);
}

static void
strv_add_cb (GtkButton   *button,
             StrvBinding *binding)
{
  g_auto(GStrv) strv = NULL;
  guint n;

  if (binding->object == NULL)
    return;
  strv = strv_get (binding);
  n = g_strv_length (strv);
  strv = g_renew (char *, strv, n + 2);
  strv[n] = g_strdup ("");
  strv[n + 1] = NULL;
  strv_set (binding, strv, FALSE, g_object_get_data (G_OBJECT (button), "va-label"));
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (binding->list, n)));
}

static void
strv_binding_free (StrvBinding *binding)
{
  if (binding->object != NULL)
    g_clear_signal_handler (&binding->notify_id, binding->object);
  g_clear_object (&binding->object);
  g_free (binding);
}

static void
strv_list_init (VaInspector *self,
                GtkListBox  *list,
                GtkButton   *add,
                gboolean     headers,
                const char  *add_label,
                const char  *remove_label)
{
  StrvBinding *binding = g_new0 (StrvBinding, 1);

  binding->inspector = self;
  binding->list = list;
  binding->headers = headers;
  binding->remove_label = remove_label;
  g_object_set_qdata_full (G_OBJECT (list), strv_quark (), binding,
                           (GDestroyNotify) strv_binding_free);
  g_object_set_data (G_OBJECT (add), "va-label", (gpointer) add_label);
  g_signal_connect (add, "clicked", G_CALLBACK (strv_add_cb), binding);
}

/* }}} */
/* {{{ Question options */

static void
option_update_summary (VaChoice       *choice,
                       GParamSpec     *pspec,
                       AdwExpanderRow *row)
{
  const char * const *synonyms = va_choice_get_synonyms (choice);
  g_autofree char *joined = synonyms != NULL ? g_strjoinv (", ", (char **) synonyms) : NULL;
  const char *label = nonempty (va_choice_get_label (choice));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 label != NULL ? label : _("Untitled option"));
  adw_expander_row_set_subtitle (row, joined != NULL ? joined : "");
}

static void
option_move (GtkWidget *button,
             int        delta)
{
  VaInspector *self = inspector_of (button);
  GtkWidget *row = button_row (button);

  move_item (self, GTK_WIDGET (self->question_options),
             va_question_node_get_options (VA_QUESTION_NODE (self->node)), row_item (row), delta,
             _("Move Option"));
}

static void
option_up_cb (GtkButton *button)
{
  option_move (GTK_WIDGET (button), -1);
}

static void
option_down_cb (GtkButton *button)
{
  option_move (GTK_WIDGET (button), 1);
}

static void
option_remove_cb (GtkButton *button)
{
  VaInspector *self = inspector_of (GTK_WIDGET (button));

  remove_item (self, va_question_node_get_options (VA_QUESTION_NODE (self->node)),
               row_item (button_row (GTK_WIDGET (button))), _("Remove Option"));
}

static GtkWidget *
option_row_new (VaInspector *self,
                GListModel  *model,
                gpointer     item)
{
  VaChoice *choice = item;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *label = adw_entry_row_new ();
  GtkWidget *synonyms = adw_entry_row_new ();
  GtkWidget *up = va_inspector_icon_button_new ("go-up-symbolic", _("Move Up"));
  GtkWidget *down = va_inspector_icon_button_new ("go-down-symbolic", _("Move Down"));
  GtkWidget *remove = va_inspector_icon_button_new ("user-trash-symbolic", _("Remove Option"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (label), _("Label"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (synonyms),
                                 _("Synonyms, separated by commas"));
  va_inspector_bind_text (self, label, choice, "label");
  va_inspector_bind_csv (self, synonyms, choice, "synonyms");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), synonyms);

#if ADW_CHECK_VERSION (1, 4, 0)
  expander_add_suffix (ADW_EXPANDER_ROW (row), up);
  expander_add_suffix (ADW_EXPANDER_ROW (row), down);
  expander_add_suffix (ADW_EXPANDER_ROW (row), remove);
#else
  /* Before 1.4 each action goes before the previous ones. */
  expander_add_suffix (ADW_EXPANDER_ROW (row), remove);
  expander_add_suffix (ADW_EXPANDER_ROW (row), down);
  expander_add_suffix (ADW_EXPANDER_ROW (row), up);
#endif
  g_signal_connect (up, "clicked", G_CALLBACK (option_up_cb), NULL);
  g_signal_connect (down, "clicked", G_CALLBACK (option_down_cb), NULL);
  g_signal_connect (remove, "clicked", G_CALLBACK (option_remove_cb), NULL);
  g_object_set_data (G_OBJECT (row), "va-up", up);
  g_object_set_data (G_OBJECT (row), "va-down", down);
  g_object_set_data (G_OBJECT (row), "va-remove", remove);
  g_object_set_data (G_OBJECT (row), "va-focus", label);
  g_object_set_data (G_OBJECT (row), "va-synonyms", synonyms);

  option_update_summary (choice, NULL, ADW_EXPANDER_ROW (row));
  g_signal_connect_object (choice, "notify", G_CALLBACK (option_update_summary), row, 0);
  return row;
}

/* Up and down where they can move; the list hides when there is nothing in it. */
static void
reorderable_changed (VaInspector *self,
                     GtkWidget   *container,
                     GListModel  *model)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = list_get_row (container, i);
      GtkWidget *up = g_object_get_data (G_OBJECT (row), "va-up");
      GtkWidget *down = g_object_get_data (G_OBJECT (row), "va-down");

      if (up != NULL)
        gtk_widget_set_sensitive (up, i > 0);
      if (down != NULL)
        gtk_widget_set_sensitive (down, i + 1 < n);
    }
  gtk_widget_set_visible (container, n > 0);
}

void
va_inspector_bind_options (VaInspector *self,
                           GListModel  *options)
{
  bind_list (self, GTK_WIDGET (self->question_options), 0, options, option_row_new,
             reorderable_changed);
}

static void
add_option_cb (GtkButton   *button,
               VaInspector *self)
{
  GListModel *options;
  g_autoptr(VaChoice) choice = va_choice_new ();

  if (!VA_IS_QUESTION_NODE (self->node))
    return;
  options = va_question_node_get_options (VA_QUESTION_NODE (self->node));
  insert_item (self, options, g_list_model_get_n_items (options), choice, _("Add Option"));
  focus_row (list_get_row (GTK_WIDGET (self->question_options),
                           g_list_model_get_n_items (options) - 1));
}

/* }}} */
/* {{{ Condition branches and clauses */

static gboolean
operator_takes_value (VaOperator op)
{
  return op != VA_OPERATOR_IS_BLANK && op != VA_OPERATOR_IS_NOT_BLANK;
}

static void
clause_update (VaClause       *clause,
               GParamSpec     *pspec,
               AdwExpanderRow *row)
{
  GtkWidget *value_row = g_object_get_data (G_OBJECT (row), "va-value");
  const char *variable = nonempty (va_clause_get_variable (clause));
  const char *value = va_clause_get_value (clause);
  VaOperator op = va_clause_get_operator (clause);
  g_autofree char *summary = NULL;

  if (variable == NULL)
    summary = g_strdup (_("Incomplete clause"));
  else if (!operator_takes_value (op))
    /* Translators: a clause of a condition: "<variable> <operator>", "Email is blank" */
    summary = g_strdup_printf (C_("clause", "%s %s"), variable, va_inspector_operator_name (op));
  else
    /* Translators: a clause of a condition: "<variable> <operator> <value>", "Age is less
     * than 18" */
    summary = g_strdup_printf (C_("clause", "%s %s %s"), variable, va_inspector_operator_name (op),
                               value != NULL ? value : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary);
  gtk_widget_set_visible (value_row, operator_takes_value (op));
}

static void
clause_remove_cb (GtkButton *button)
{
  GtkWidget *row = button_row (GTK_WIDGET (button));
  VaInspector *self = inspector_of (GTK_WIDGET (button));
  GtkWidget *list = gtk_widget_get_parent (row);
  VaConditionBranch *branch = g_object_get_data (G_OBJECT (list), "va-branch");

  remove_item (self, va_condition_branch_get_clauses (branch), row_item (row), _("Remove Clause"));
}

static GtkWidget *
clause_row_new (VaInspector *self,
                GListModel  *model,
                gpointer     item)
{
  VaClause *clause = item;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *variable = adw_entry_row_new ();
  GtkWidget *op = adw_combo_row_new ();
  GtkWidget *value = adw_entry_row_new ();
  GtkWidget *remove = va_inspector_icon_button_new ("user-trash-symbolic", _("Remove Clause"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), g_list_model_get_n_items (model) == 1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (variable), _("Variable"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (op), _("Operator"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (value), _("Value"));
  va_inspector_add_variable_menu (self, ADW_ENTRY_ROW (variable), TRUE);
  va_inspector_set_operators (ADW_COMBO_ROW (op));
  va_inspector_bind_text (self, variable, clause, "variable");
  va_inspector_bind_enum (self, op, clause, "operator");
  va_inspector_bind_text (self, value, clause, "value");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), variable);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), op);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), value);
  expander_add_suffix (ADW_EXPANDER_ROW (row), remove);
  g_signal_connect (remove, "clicked", G_CALLBACK (clause_remove_cb), NULL);
  g_object_set_data (G_OBJECT (row), "va-value", value);
  g_object_set_data (G_OBJECT (row), "va-operator", op);
  g_object_set_data (G_OBJECT (row), "va-remove", remove);
  g_object_set_data (G_OBJECT (row), "va-focus", variable);
  g_object_set_data (G_OBJECT (row), "va-variable", variable);

  clause_update (clause, NULL, ADW_EXPANDER_ROW (row));
  g_signal_connect_object (clause, "notify", G_CALLBACK (clause_update), row, 0);
  return row;
}

static void
branch_add_clause (VaInspector       *self,
                   GtkListBox        *list,
                   VaConditionBranch *branch)
{
  GListModel *clauses = va_condition_branch_get_clauses (branch);
  g_autoptr(VaClause) clause = va_clause_new ();

  insert_item (self, clauses, g_list_model_get_n_items (clauses), clause, _("Add Clause"));
  focus_row (list_get_row (GTK_WIDGET (list), g_list_model_get_n_items (clauses) - 1));
}

static void
branch_row_activated_cb (GtkListBox    *list,
                         GtkListBoxRow *row,
                         VaInspector   *self)
{
  if (g_object_get_data (G_OBJECT (row), "va-add") != NULL)
    branch_add_clause (self, list, g_object_get_data (G_OBJECT (list), "va-branch"));
}

static void
branch_remove_cb (GtkButton *button)
{
  VaInspector *self = inspector_of (GTK_WIDGET (button));
  GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_PREFERENCES_GROUP);

  remove_item (self, va_condition_node_get_branches (VA_CONDITION_NODE (self->node)),
               row_item (group), _("Remove Condition"));
}

/* A row that looks like a button at the end of a boxed list. */
static GtkWidget *
add_row_new (const char *label)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_label_new_with_mnemonic (label);

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("list-add-symbolic"));
  gtk_box_append (GTK_BOX (box), text);
  gtk_label_set_mnemonic_widget (GTK_LABEL (text), row);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (text)), -1);
  g_object_set_data (G_OBJECT (row), "va-add", GINT_TO_POINTER (TRUE));
  return row;
}

static GtkWidget *
branch_widget_new (VaInspector *self,
                   GListModel  *model,
                   gpointer     item)
{
  VaConditionBranch *branch = item;
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *join = adw_combo_row_new ();
  GtkWidget *remove = va_inspector_icon_button_new ("user-trash-symbolic", _("Remove Condition"));
  g_autoptr(GtkStringList) joins = gtk_string_list_new (NULL);

  gtk_string_list_append (joins, _("All of these clauses"));
  gtk_string_list_append (joins, _("Any of these clauses"));
  adw_combo_row_set_model (ADW_COMBO_ROW (join), G_LIST_MODEL (joins));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (join), _("Match"));
  va_inspector_bind_enum (self, join, branch, "join");

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), join);
  gtk_list_box_append (GTK_LIST_BOX (list), add_row_new (_("Add _Clause")));
  g_object_set_data (G_OBJECT (list), "va-branch", branch);
  g_signal_connect (list, "row-activated", G_CALLBACK (branch_row_activated_cb), self);
  bind_list (self, list, 1, va_condition_branch_get_clauses (branch), clause_row_new, NULL);

  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), remove);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  g_signal_connect (remove, "clicked", G_CALLBACK (branch_remove_cb), NULL);
  g_object_set_data (G_OBJECT (group), "va-list", list);
  g_object_set_data (G_OBJECT (group), "va-join", join);
  g_object_set_data (G_OBJECT (group), "va-remove", remove);
  return group;
}

/* Branches are numbered the way the canvas labels their edges. */
static void
branches_changed (VaInspector *self,
                  GtkWidget   *container,
                  GListModel  *model)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autofree char *title = g_strdup_printf (_("Condition %u"), i + 1);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (list_get_row (container, i)), title);
    }
}

void
va_inspector_bind_branches (VaInspector *self,
                            GListModel  *branches)
{
  bind_list (self, GTK_WIDGET (self->condition_branches), 0, branches, branch_widget_new,
             branches_changed);
}

static void
add_branch_cb (GtkButton   *button,
               VaInspector *self)
{
  GListModel *branches;
  g_autoptr(VaConditionBranch) branch = NULL;
  g_autoptr(VaClause) clause = NULL;
  GtkWidget *group;

  if (!VA_IS_CONDITION_NODE (self->node))
    return;
  branches = va_condition_node_get_branches (VA_CONDITION_NODE (self->node));
  branch = va_condition_branch_new ();
  clause = va_clause_new ();
  /* The branch is not in the document yet: filling it is part of adding it. */
  g_list_store_append (G_LIST_STORE (va_condition_branch_get_clauses (branch)), clause);
  insert_item (self, branches, g_list_model_get_n_items (branches), branch, _("Add Condition"));

  group = list_get_row (GTK_WIDGET (self->condition_branches),
                        g_list_model_get_n_items (branches) - 1);
  if (group != NULL)
    focus_row (list_get_row (g_object_get_data (G_OBJECT (group), "va-list"), 0));
}

/* }}} */
/* {{{ Response mappings */

static void
mapping_update_summary (VaResponseMapping *mapping,
                        GParamSpec        *pspec,
                        AdwExpanderRow    *row)
{
  const char *path = nonempty (va_response_mapping_get_path (mapping));
  const char *variable = nonempty (va_response_mapping_get_variable (mapping));
  g_autofree char *summary = NULL;

  if (path == NULL && variable == NULL)
    summary = g_strdup (_("New response field"));
  else
    /* Translators: a field of an HTTP answer saved in a variable: "$.status → OrderStatus" */
    summary = g_strdup_printf (_("%s → %s"), path != NULL ? path : "…",
                               variable != NULL ? variable : "…");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary);
}

static void
mapping_remove_cb (GtkButton *button)
{
  VaInspector *self = inspector_of (GTK_WIDGET (button));

  remove_item (self, va_action_node_get_mappings (VA_ACTION_NODE (self->node)),
               row_item (button_row (GTK_WIDGET (button))), _("Remove Response Field"));
}

static GtkWidget *
mapping_row_new (VaInspector *self,
                 GListModel  *model,
                 gpointer     item)
{
  VaResponseMapping *mapping = item;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *path = adw_entry_row_new ();
  GtkWidget *variable = adw_entry_row_new ();
  GtkWidget *remove = va_inspector_icon_button_new ("user-trash-symbolic",
                                                    _("Remove Response Field"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (path), _("JSON path"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (variable), _("Save as variable"));
  va_inspector_add_variable_menu (self, ADW_ENTRY_ROW (variable), FALSE);
  va_inspector_bind_text (self, path, mapping, "path");
  va_inspector_bind_text (self, variable, mapping, "variable");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), path);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), variable);
  expander_add_suffix (ADW_EXPANDER_ROW (row), remove);
  g_signal_connect (remove, "clicked", G_CALLBACK (mapping_remove_cb), NULL);
  g_object_set_data (G_OBJECT (row), "va-remove", remove);
  g_object_set_data (G_OBJECT (row), "va-focus", path);
  g_object_set_data (G_OBJECT (row), "va-variable", variable);

  mapping_update_summary (mapping, NULL, ADW_EXPANDER_ROW (row));
  g_signal_connect_object (mapping, "notify", G_CALLBACK (mapping_update_summary), row, 0);
  return row;
}

void
va_inspector_bind_mappings (VaInspector *self,
                            GListModel  *mappings)
{
  bind_list (self, GTK_WIDGET (self->action_mappings), 0, mappings, mapping_row_new,
             reorderable_changed);
}

static void
add_mapping_cb (GtkButton   *button,
                VaInspector *self)
{
  GListModel *mappings;
  g_autoptr(VaResponseMapping) mapping = va_response_mapping_new ();

  if (!VA_IS_ACTION_NODE (self->node))
    return;
  mappings = va_action_node_get_mappings (VA_ACTION_NODE (self->node));
  insert_item (self, mappings, g_list_model_get_n_items (mappings), mapping,
               _("Add Response Field"));
  focus_row (list_get_row (GTK_WIDGET (self->action_mappings),
                           g_list_model_get_n_items (mappings) - 1));
}

/* }}} */

/* Drops the rows of whatever list @container shows. */
void
va_inspector_unbind_list (GtkWidget *container)
{
  ListBinding *binding = g_object_get_qdata (G_OBJECT (container), list_quark ());
  StrvBinding *strv = g_object_get_qdata (G_OBJECT (container), strv_quark ());

  if (strv != NULL)
    va_inspector_bind_strv (strv->inspector, GTK_LIST_BOX (container), NULL, NULL);
  if (binding != NULL)
    {
      GtkWidget *row;

      list_binding_disconnect (binding);
      for (guint i = 0; i < binding->n_rows; i++)
        if ((row = container_nth (container, binding->offset)) != NULL)
          container_remove (container, row);
      g_signal_handlers_disconnect_by_data (container, binding);
      g_object_set_qdata (G_OBJECT (container), list_quark (), NULL);
    }
}

void
va_inspector_lists_init (VaInspector *self)
{
  strv_list_init (self, self->message_variations, self->message_add_variation, FALSE,
                  _("Add Variation"), _("Remove Variation"));
  strv_list_init (self, self->action_headers, self->action_add_header, TRUE,
                  _("Add Header"), _("Remove Header"));
  g_signal_connect (self->question_add_option, "clicked", G_CALLBACK (add_option_cb), self);
  g_signal_connect (self->condition_add_branch, "clicked", G_CALLBACK (add_branch_cb), self);
  g_signal_connect (self->action_add_mapping, "clicked", G_CALLBACK (add_mapping_cb), self);
}
