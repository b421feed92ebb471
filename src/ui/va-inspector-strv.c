/* va-inspector-strv.c — lists of strings: a message's variations, a request's headers
 *
 * A list of strings is one string-vector property: a row per string, typing in a row replaces
 * the whole vector (one continuous step), adding and removing set it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "va-inspector-private.h"

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
  GtkWidget *row = va_inspector_button_row (GTK_WIDGET (button));
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


/* Drops the rows of the list of strings @container shows, if it shows one. */
void
va_inspector_unbind_strv (GtkWidget *container)
{
  StrvBinding *strv = g_object_get_qdata (G_OBJECT (container), strv_quark ());

  if (strv != NULL)
    va_inspector_bind_strv (strv->inspector, GTK_LIST_BOX (container), NULL, NULL);
}

void
va_inspector_strv_init (VaInspector *self)
{
  strv_list_init (self, self->message_variations, self->message_add_variation, FALSE,
                  _("Add Variation"), _("Remove Variation"));
  strv_list_init (self, self->action_headers, self->action_add_header, TRUE,
                  _("Add Header"), _("Remove Header"));
}
