/* va-inspector-variables.c — the variables an inspector offers to choose from
 *
 * An entry row that names a variable gets a button with the variables the bot and the current
 * topic know, so a name is picked rather than retyped. Choosing one sets the row's text as a step
 * of its own on the history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-inspector-private.h"
#include "va-action-node.h"
#include "va-question-node.h"
#include "va-response-mapping.h"
#include "va-set-variable-node.h"
#include "va-variable.h"

static void
add_name (GHashTable *names,
          const char *name)
{
  if (name != NULL && name[0] != '\0')
    g_hash_table_add (names, g_strdup (name));
}

static void
add_variables_of_list (GHashTable *names,
                       GListModel *variables)
{
  for (guint i = 0; i < g_list_model_get_n_items (variables); i++)
    {
      g_autoptr(VaVariable) variable = g_list_model_get_item (variables, i);

      add_name (names, va_variable_get_name (variable));
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* The variables the bot and the current topic know, declared or set by a node, sorted. */
GPtrArray *
va_inspector_list_variables (VaInspector *self,
                             gboolean     include_system)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *sorted = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer name;

  if (self->bot != NULL)
    add_variables_of_list (names, va_bot_get_variables (self->bot));
  if (self->topic != NULL)
    {
      GListModel *nodes = va_topic_get_nodes (self->topic);

      add_variables_of_list (names, va_topic_get_variables (self->topic));
      for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
        {
          g_autoptr(VaNode) node = g_list_model_get_item (nodes, i);

          if (VA_IS_QUESTION_NODE (node))
            add_name (names, va_question_node_get_variable (VA_QUESTION_NODE (node)));
          else if (VA_IS_SET_VARIABLE_NODE (node))
            add_name (names, va_set_variable_node_get_variable (VA_SET_VARIABLE_NODE (node)));
          else if (VA_IS_ACTION_NODE (node))
            {
              GListModel *mappings = va_action_node_get_mappings (VA_ACTION_NODE (node));

              for (guint j = 0; j < g_list_model_get_n_items (mappings); j++)
                {
                  g_autoptr(VaResponseMapping) mapping = g_list_model_get_item (mappings, j);

                  add_name (names, va_response_mapping_get_variable (mapping));
                }
            }
        }
    }

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      g_hash_table_iter_steal (&iter);
      g_ptr_array_add (sorted, name);
    }
  g_ptr_array_sort (sorted, compare_names);

  /* The system's variables can be read, never set; they come last. */
  if (include_system)
    {
      static const char * const system[] = {
        "System.LastMessage", "System.ConversationId", "System.LastTopic", "Bot.Name",
      };

      for (guint i = 0; i < G_N_ELEMENTS (system); i++)
        g_ptr_array_add (sorted, g_strdup (system[i]));
    }
  return sorted;
}

static void
variable_chosen_cb (GtkListBox    *list,
                    GtkListBoxRow *row,
                    GtkMenuButton *button)
{
  GtkWidget *entry_row = g_object_get_data (G_OBJECT (button), "va-entry-row");
  VaInspector *self = g_object_get_data (G_OBJECT (button), "va-inspector");
  const char *name = g_object_get_data (G_OBJECT (row), "va-name");

  gtk_menu_button_popdown (button);
  if (self->history != NULL)
    va_history_seal (self->history);
  gtk_editable_set_text (GTK_EDITABLE (entry_row), name);
  if (self->history != NULL)
    va_history_seal (self->history);
  gtk_widget_grab_focus (entry_row);
}

static void
variable_menu_create_popup (GtkMenuButton *button,
                            gpointer       user_data)
{
  VaInspector *self = VA_INSPECTOR (user_data);
  gboolean include_system = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button),
                                                                "va-include-system"));
  g_autoptr(GPtrArray) names = va_inspector_list_variables (self, include_system);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (list), TRUE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Variables"), -1);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      GtkWidget *label = gtk_label_new (name);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "va-name", g_strdup (name), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  if (names->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("No variables yet"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_set_placeholder (GTK_LIST_BOX (list), label);
    }
  g_signal_connect (list, "row-activated", G_CALLBACK (variable_chosen_cb), button);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  gtk_menu_button_set_popover (button, popover);
}

/* A button at the end of @row that offers the known variables' names. */
void
va_inspector_add_variable_menu (VaInspector *self,
                                AdwEntryRow *row,
                                gboolean     include_system)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_tooltip_text (button, _("Choose a Variable"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a variable"), -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "va-entry-row", row);
  g_object_set_data (G_OBJECT (button), "va-inspector", self);
  g_object_set_data (G_OBJECT (button), "va-include-system", GINT_TO_POINTER (include_system));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), variable_menu_create_popup,
                                         self, NULL);
  adw_entry_row_add_suffix (row, button);
  g_object_set_data (G_OBJECT (row), "va-variable-menu", button);
}
