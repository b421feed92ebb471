/* va-inspector-items.c — the rows of a node's lists of objects: a question's options, a
 * condition's branches and their clauses, an action's response mappings
 *
 * Each list is bound with va_inspector_bind_list() (va-inspector-lists.c), which makes a row per
 * item with the factory here; the buttons of a row add, move and remove items through the history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-inspector-private.h"
#include "va-choice.h"
#include "va-clause.h"
#include "va-condition-branch.h"
#include "va-condition-node.h"
#include "va-action-node.h"
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
  VaInspector *self = va_inspector_from_widget (button);
  GtkWidget *row = va_inspector_button_row (button);

  va_inspector_move_item (self, GTK_WIDGET (self->question_options),
                          va_question_node_get_options (VA_QUESTION_NODE (self->node)),
                          va_inspector_row_item (row), delta, _("Move Option"));
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
  VaInspector *self = va_inspector_from_widget (GTK_WIDGET (button));

  va_inspector_remove_item (self, va_question_node_get_options (VA_QUESTION_NODE (self->node)),
                            va_inspector_row_item (va_inspector_button_row (GTK_WIDGET (button))),
                            _("Remove Option"));
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
      GtkWidget *row = va_inspector_list_get_row (container, i);
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
  va_inspector_bind_list (self, GTK_WIDGET (self->question_options), 0, options, option_row_new,
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
  va_inspector_insert_item (self, options, g_list_model_get_n_items (options), choice,
                            _("Add Option"));
  va_inspector_focus_row (va_inspector_list_get_row (GTK_WIDGET (self->question_options),
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
  GtkWidget *row = va_inspector_button_row (GTK_WIDGET (button));
  VaInspector *self = va_inspector_from_widget (GTK_WIDGET (button));
  GtkWidget *list = gtk_widget_get_parent (row);
  VaConditionBranch *branch = g_object_get_data (G_OBJECT (list), "va-branch");

  va_inspector_remove_item (self, va_condition_branch_get_clauses (branch),
                            va_inspector_row_item (row), _("Remove Clause"));
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

  va_inspector_insert_item (self, clauses, g_list_model_get_n_items (clauses), clause,
                            _("Add Clause"));
  va_inspector_focus_row (va_inspector_list_get_row (GTK_WIDGET (list),
                                                     g_list_model_get_n_items (clauses) - 1));
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
  VaInspector *self = va_inspector_from_widget (GTK_WIDGET (button));
  GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_PREFERENCES_GROUP);

  va_inspector_remove_item (self, va_condition_node_get_branches (VA_CONDITION_NODE (self->node)),
                            va_inspector_row_item (group), _("Remove Condition"));
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
  va_inspector_bind_list (self, list, 1, va_condition_branch_get_clauses (branch), clause_row_new,
                          NULL);

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
      GtkWidget *group = va_inspector_list_get_row (container, i);
      g_autofree char *title = g_strdup_printf (_("Condition %u"), i + 1);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
    }
}

void
va_inspector_bind_branches (VaInspector *self,
                            GListModel  *branches)
{
  va_inspector_bind_list (self, GTK_WIDGET (self->condition_branches), 0, branches,
                          branch_widget_new, branches_changed);
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
  va_inspector_insert_item (self, branches, g_list_model_get_n_items (branches), branch,
                            _("Add Condition"));

  group = va_inspector_list_get_row (GTK_WIDGET (self->condition_branches),
                                     g_list_model_get_n_items (branches) - 1);
  if (group != NULL)
    {
      GtkWidget *clauses = g_object_get_data (G_OBJECT (group), "va-list");

      va_inspector_focus_row (va_inspector_list_get_row (clauses, 0));
    }
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
  VaInspector *self = va_inspector_from_widget (GTK_WIDGET (button));

  va_inspector_remove_item (self, va_action_node_get_mappings (VA_ACTION_NODE (self->node)),
                            va_inspector_row_item (va_inspector_button_row (GTK_WIDGET (button))),
                            _("Remove Response Field"));
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
  va_inspector_bind_list (self, GTK_WIDGET (self->action_mappings), 0, mappings, mapping_row_new,
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
  va_inspector_insert_item (self, mappings, g_list_model_get_n_items (mappings), mapping,
                            _("Add Response Field"));
  va_inspector_focus_row (va_inspector_list_get_row (GTK_WIDGET (self->action_mappings),
                                                     g_list_model_get_n_items (mappings) - 1));
}

/* }}} */

void
va_inspector_items_init (VaInspector *self)
{
  g_signal_connect (self->question_add_option, "clicked", G_CALLBACK (add_option_cb), self);
  g_signal_connect (self->condition_add_branch, "clicked", G_CALLBACK (add_branch_cb), self);
  g_signal_connect (self->action_add_mapping, "clicked", G_CALLBACK (add_mapping_cb), self);
}
