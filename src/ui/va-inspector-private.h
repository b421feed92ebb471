/* va-inspector-private.h — shared by the inspector's files and its tests
 *
 * va-inspector.c holds the widget and a page per node kind, va-inspector-fields.c binds a widget
 * to one property, va-inspector-variables.c offers the known variables' names,
 * va-inspector-lists.c makes rows follow a list, va-inspector-strv.c shows lists of strings,
 * va-inspector-items.c the rows of options, branches, clauses and mappings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "va-inspector.h"

G_BEGIN_DECLS

struct _VaInspector
{
  GtkWidget      parent_instance;

  VaBot         *bot;
  VaHistory     *history;
  VaTopic       *topic;
  VaNode        *node;
  GPtrArray     *bound;          /* GtkWidget: the template's fields bound to the node */
  GPtrArray     *bound_lists;    /* GtkWidget: the template's containers bound to lists */
  guint          check_source;   /* idle: is the node still in its topic? */

  /* template widgets */
  GtkStack      *stack;
  AdwStatusPage *placeholder;
  GtkImage      *kind_icon;
  GtkLabel      *kind_label;
  GtkLabel      *id_label;
  GtkStack      *kind_stack;

  GtkTextView   *message_text;
  GtkListBox    *message_variations;
  GtkButton     *message_add_variation;

  AdwEntryRow   *question_prompt;
  AdwComboRow   *question_mode;
  GtkWidget     *question_options_group;
  GtkListBox    *question_options;
  GtkButton     *question_add_option;
  GtkWidget     *question_entity_group;
  AdwComboRow   *question_entity;
  AdwEntryRow   *question_variable;
  AdwEntryRow   *question_reprompt;
  GtkSpinButton *question_retries;
  AdwComboRow   *question_on_failure;

  GtkBox        *condition_branches;
  GtkButton     *condition_add_branch;

  AdwEntryRow   *set_variable_variable;
  AdwEntryRow   *set_variable_value;

  AdwComboRow   *action_method;
  AdwEntryRow   *action_url;
  GtkSpinButton *action_timeout;
  GtkListBox    *action_headers;
  GtkButton     *action_add_header;
  GtkTextView   *action_body;
  GtkWidget     *action_body_warning;
  GtkLabel      *action_body_warning_label;
  GtkListBox    *action_mappings;
  GtkButton     *action_add_mapping;

  AdwComboRow   *redirect_topic;
  GtkWidget     *redirect_warning;
  GtkLabel      *redirect_warning_label;

  GtkSwitch     *end_survey;

  GtkTextView   *transfer_message;
};

/* va-inspector-fields.c: a widget edits one property of a model object through the history.
 * Binding again moves the widget to another object; a NULL object unbinds it. */

/* Fills the choices of an id combo: ids[i] (a string) is what choosing labels[i] stores. */
typedef void (*VaIdFillFunc) (VaInspector *self,
                              GPtrArray   *ids,
                              GPtrArray   *labels);

void        va_inspector_bind_text       (VaInspector  *self,
                                          GtkWidget    *widget,
                                          gpointer      object,
                                          const char   *property);
void        va_inspector_bind_csv        (VaInspector  *self,
                                          GtkWidget    *widget,
                                          gpointer      object,
                                          const char   *property);
void        va_inspector_bind_int        (VaInspector  *self,
                                          GtkWidget    *widget,
                                          gpointer      object,
                                          const char   *property);
void        va_inspector_bind_boolean    (VaInspector  *self,
                                          GtkWidget    *widget,
                                          gpointer      object,
                                          const char   *property);
void        va_inspector_bind_enum       (VaInspector  *self,
                                          GtkWidget    *widget,
                                          gpointer      object,
                                          const char   *property);
void        va_inspector_bind_id         (VaInspector  *self,
                                          GtkWidget    *widget,
                                          gpointer      object,
                                          const char   *property,
                                          VaIdFillFunc  fill);
void        va_inspector_unbind          (GtkWidget    *widget);
void        va_inspector_refresh_ids     (GtkWidget    *widget);
const char *va_inspector_get_id_at       (GtkWidget    *widget,
                                          guint         position);

GtkWidget  *va_inspector_icon_button_new (const char   *icon_name,
                                          const char   *tooltip);
void        va_inspector_set_operators   (AdwComboRow  *row);
const char *va_inspector_operator_name   (VaOperator    op);
const char *va_inspector_entity_name     (const char   *entity);

/* va-inspector-variables.c: the variables' names to choose from */

void        va_inspector_add_variable_menu (VaInspector *self,
                                            AdwEntryRow *row,
                                            gboolean     include_system);
GPtrArray  *va_inspector_list_variables  (VaInspector  *self,
                                          gboolean      include_system);

/* va-inspector-lists.c: the lists of a node. A container's rows follow a GListModel of the
 * document, a row per item made by the factory; adding, moving and removing are history steps. */

/* Makes the row of @item, an item of @model. */
typedef GtkWidget *(*VaRowFactory)  (VaInspector *self,
                                     GListModel  *model,
                                     gpointer     item);
/* Called after the rows of @model changed. */
typedef void       (*VaListChanged) (VaInspector *self,
                                     GtkWidget   *container,
                                     GListModel  *model);

void        va_inspector_lists_init      (VaInspector  *self);
void        va_inspector_bind_list       (VaInspector  *self,
                                          GtkWidget    *container,
                                          guint         offset,
                                          GListModel   *model,
                                          VaRowFactory  factory,
                                          VaListChanged changed);
void        va_inspector_unbind_list     (GtkWidget    *container);
GtkWidget  *va_inspector_list_get_row    (GtkWidget    *container,
                                          guint         position);
void        va_inspector_focus_row       (GtkWidget    *row);
void        va_inspector_insert_item     (VaInspector  *self,
                                          GListModel   *model,
                                          guint         position,
                                          gpointer      item,
                                          const char   *label);
void        va_inspector_remove_item     (VaInspector  *self,
                                          GListModel   *model,
                                          gpointer      item,
                                          const char   *label);
void        va_inspector_move_item       (VaInspector  *self,
                                          GtkWidget    *container,
                                          GListModel   *model,
                                          gpointer      item,
                                          int           delta,
                                          const char   *label);
gpointer    va_inspector_row_item        (GtkWidget    *row);
VaInspector *va_inspector_from_widget    (GtkWidget    *widget);
GtkWidget  *va_inspector_button_row      (GtkWidget    *button);

/* va-inspector-strv.c: lists of strings, one string-vector property each */

void        va_inspector_strv_init       (VaInspector  *self);
void        va_inspector_bind_strv       (VaInspector  *self,
                                          GtkListBox   *list,
                                          gpointer      object,
                                          const char   *property);
void        va_inspector_unbind_strv     (GtkWidget    *container);

/* va-inspector-items.c: the rows of options, branches and their clauses, response mappings */

void        va_inspector_items_init      (VaInspector  *self);
void        va_inspector_bind_options    (VaInspector  *self,
                                          GListModel   *options);
void        va_inspector_bind_branches   (VaInspector  *self,
                                          GListModel   *branches);
void        va_inspector_bind_mappings   (VaInspector  *self,
                                          GListModel   *mappings);

G_END_DECLS
