/* va-inspector-lists.c — rows that follow a list of the document
 *
 * A list of objects (a GListStore of the document) is shown by a container whose rows follow
 * the store's items-changed: only the rows of the items that changed are made again, so the
 * other rows keep their state (expanded, focus) while the user edits. Adding and removing go
 * through va_history_insert/remove in a labelled group, so "Undo Add Option" reads right.
 *
 * The rows of each list are made in va-inspector-items.c; lists of strings, which are one
 * property rather than a store, are in va-inspector-strv.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-inspector-private.h"

typedef struct
{
  VaInspector   *inspector;
  GtkWidget     *container;   /* a GtkListBox or a vertical GtkBox */
  GListModel    *model;
  guint          offset;      /* fixed rows before the items' rows */
  guint          n_rows;
  VaRowFactory   factory;
  VaListChanged  changed;
  gulong         handler;
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

void
va_inspector_bind_list (VaInspector   *self,
                        GtkWidget     *container,
                        guint          offset,
                        GListModel    *model,
                        VaRowFactory   factory,
                        VaListChanged  changed)
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
GtkWidget *
va_inspector_list_get_row (GtkWidget *container,
                           guint      position)
{
  ListBinding *binding = g_object_get_qdata (G_OBJECT (container), list_quark ());

  g_return_val_if_fail (binding != NULL, NULL);
  return container_nth (container, binding->offset + position);
}

/* Opens a new row and puts the cursor in its first field. */
void
va_inspector_focus_row (GtkWidget *row)
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

void
va_inspector_insert_item (VaInspector *self,
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

void
va_inspector_remove_item (VaInspector *self,
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
void
va_inspector_move_item (VaInspector *self,
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

  row = va_inspector_list_get_row (container, position);
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

  row = va_inspector_list_get_row (container, position + delta);
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
gpointer
va_inspector_row_item (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "va-item");
}

VaInspector *
va_inspector_from_widget (GtkWidget *widget)
{
  return VA_INSPECTOR (gtk_widget_get_ancestor (widget, VA_TYPE_INSPECTOR));
}

/* The row of a list that holds @button (an expander row has rows inside). */
GtkWidget *
va_inspector_button_row (GtkWidget *button)
{
  for (GtkWidget *w = button; w != NULL; w = gtk_widget_get_parent (w))
    if (g_object_get_data (G_OBJECT (w), "va-item") != NULL ||
        g_object_get_data (G_OBJECT (w), "va-strv-row") != NULL)
      return w;
  g_return_val_if_reached (NULL);
}

/* Drops the rows of whatever list @container shows. */
void
va_inspector_unbind_list (GtkWidget *container)
{
  ListBinding *binding = g_object_get_qdata (G_OBJECT (container), list_quark ());

  va_inspector_unbind_strv (container);
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
  va_inspector_strv_init (self);
  va_inspector_items_init (self);
}
