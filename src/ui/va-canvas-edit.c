/* va-canvas-edit.c — the canvas's edits of the document, each one undo step, and the clipboard
 *
 * The clipboard holds a JSON fragment of our own ("virtual-agent-nodes"):
 * each node's kind, id and writable properties, with its lists (a
 * question's options, a condition's branches and their clauses, an
 * action's response mappings). Pasting gives the nodes new ids, keeps the
 * edges among them and drops those that lead outside.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "va-canvas-private.h"
#include "va-action-node.h"
#include "va-choice.h"
#include "va-clause.h"
#include "va-condition-branch.h"
#include "va-condition-node.h"
#include "va-question-node.h"
#include "va-response-mapping.h"

#define CLIPBOARD_FORMAT   "virtual-agent-nodes"
#define CLIPBOARD_MAX_SIZE (4 * 1024 * 1024)
#define CLIPBOARD_MAX_LIST 10000
#define INSERT_GAP         70.0
#define PASTE_OFFSET       40

/* ---- move, connect ------------------------------------------------------------------------ */

void
va_canvas_commit_move (VaCanvas *self,
                       double    dx,
                       double    dy)
{
  int ix = (int) lround (dx), iy = (int) lround (dy);
  VaHistory *history = va_canvas_ensure_history (self);

  if (ix == 0 && iy == 0)
    return;

  va_history_begin (history, _("Move Nodes"));
  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      if (card->selected)
        va_history_set (history, card->node,
                        "x", va_node_get_x (card->node) + ix,
                        "y", va_node_get_y (card->node) + iy,
                        NULL);
    }
  va_history_end (history);
}

gboolean
va_canvas_connect (VaCanvas     *self,
                   VaCanvasCard *source,
                   guint         port,
                   VaCanvasCard *target)
{
  VaHistory *history = va_canvas_ensure_history (self);
  VaPort *p;
  const char *target_id;

  if (source == NULL || target == NULL || port >= source->ports->len)
    return FALSE;
  p = g_ptr_array_index (source->ports, port);
  target_id = va_node_get_id (target->node);
  if (g_strcmp0 (va_port_get_target (p), target_id) == 0)
    return FALSE;

  va_history_begin (history, _("Connect Nodes"));
  va_history_set (history, p->owner, p->property, target_id, NULL);
  va_history_end (history);
  return TRUE;
}

/* ---- insert ------------------------------------------------------------------------------- */

static gboolean
overlaps_any (VaCanvas *self,
              double    x,
              double    y,
              double    w,
              double    h)
{
  const double margin = 20;

  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      if (x < card->x + card->w + margin && card->x < x + w + margin &&
          y < card->y + card->h + margin && card->y < y + h + margin)
        return TRUE;
    }
  return FALSE;
}

/* The cards reachable from @from, without @except, that lie at or below @from: what moves down
 * to make room above @from. */
static GPtrArray *
cards_below (VaCanvas     *self,
             VaCanvasCard *from,
             VaCanvasCard *except)
{
  GPtrArray *result = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  g_ptr_array_add (result, from);
  g_hash_table_add (seen, from);
  for (guint q = 0; q < result->len; q++)
    {
      VaCanvasCard *card = g_ptr_array_index (result, q);

      for (guint j = 0; j < card->edges->len; j++)
        {
          VaCanvasCard *target = g_array_index (card->edges, VaCanvasEdge, j).target;

          if (target == NULL || target == except || target->y < from->y ||
              g_hash_table_contains (seen, target))
            continue;
          g_hash_table_add (seen, target);
          g_ptr_array_add (result, target);
        }
    }
  return result;
}

/* The port a new node continues with: "next" when it has one, else its last port (a
 * condition's "all other conditions"). */
static VaPort *
continuation_port (GPtrArray *ports)
{
  for (guint i = 0; i < ports->len; i++)
    {
      VaPort *port = g_ptr_array_index (ports, i);

      if (g_str_equal (port->property, "next") && VA_IS_NODE (port->owner))
        return port;
    }
  return ports->len > 0 ? g_ptr_array_index (ports, ports->len - 1) : NULL;
}

/**
 * va_canvas_insert:
 * @self: a canvas
 * @source: (nullable): the card to insert after
 * @port: the port of @source, or -1 for its first free port (else its first one)
 * @kind: the kind of node to create
 *
 * Creates a node with a new id where the port leads: the port now goes to the new node and
 * the new node goes on to where the port went. Cards below move down when there is no room.
 * Without @source the node lands in the middle of the view. One undo step.
 *
 * Returns: (transfer none) (nullable): the new node
 */
VaNode *
va_canvas_insert (VaCanvas     *self,
                  VaCanvasCard *source,
                  int           port,
                  VaNodeKind    kind)
{
  VaHistory *history = va_canvas_ensure_history (self);
  g_autofree char *id = NULL;
  g_autofree char *old_target = NULL;
  g_autoptr(VaNode) node = NULL;
  g_autoptr(GPtrArray) new_ports = NULL;
  g_autoptr(GPtrArray) shifted = NULL;
  g_autoptr(GObject) owner = NULL;
  const char *property = NULL;
  VaCanvasCard *target = NULL, *card;
  double w, h, x, y, shift = 0;

  if (self->topic == NULL)
    return NULL;
  va_canvas_update_geometry (self);

  if (source != NULL && port < 0)
    {
      for (guint i = 0; i < source->ports->len && port < 0; i++)
        if (va_port_get_target (g_ptr_array_index (source->ports, i)) == NULL)
          port = (int) i;
      if (port < 0 && source->ports->len > 0)
        port = 0;
    }

  id = va_topic_make_node_id (self->topic);
  node = va_node_new_for_kind (kind, id);
  va_canvas_node_size (node, &w, &h);

  if (source != NULL && port >= 0 && (guint) port < source->edges->len)
    {
      VaCanvasEdge *edge = &g_array_index (source->edges, VaCanvasEdge, port);

      owner = g_object_ref (edge->port->owner);
      property = edge->port->property;
      old_target = g_strdup (va_port_get_target (edge->port));
      target = edge->target;
      x = edge->sx - w / 2;
      y = edge->sy + INSERT_GAP;
    }
  else if (source != NULL)
    {
      x = source->x + (source->w - w) / 2;
      y = source->y + source->h + INSERT_GAP;
    }
  else
    {
      x = va_canvas_to_model_x (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0) - w / 2;
      y = va_canvas_to_model_y (self, gtk_widget_get_height (GTK_WIDGET (self)) / 2.0) - h / 2;
    }

  if (target != NULL && target != source)
    {
      /* Between two cards: the new one goes on to the old target, and what hangs below the
       * target moves down if it does not fit in between. */
      new_ports = va_node_list_ports (node);
      if (continuation_port (new_ports) != NULL)
        {
          VaPort *p = continuation_port (new_ports);

          g_object_set (p->owner, p->property, old_target, NULL);
        }
      if (target->y < y + h + INSERT_GAP)
        {
          shift = y + h + INSERT_GAP - target->y;
          shifted = cards_below (self, target, source);
        }
    }
  else
    {
      if (target != NULL && continuation_port (new_ports = va_node_list_ports (node)) != NULL)
        {
          VaPort *p = continuation_port (new_ports);

          /* A port that loops back to its own card keeps the loop through the new node. */
          g_object_set (p->owner, p->property, old_target, NULL);
        }
      /* Free space near the wished place: step sideways, then down. */
      for (guint tries = 0; tries < 40 && overlaps_any (self, x, y, w, h); tries++)
        {
          if (tries % 8 == 7)
            {
              x -= 7 * (VA_CANVAS_CARD_WIDTH / 2 + 20);
              y += VA_CANVAS_CARD_HEIGHT + 40;
            }
          else
            x += VA_CANVAS_CARD_WIDTH / 2 + 20;
        }
    }
  va_node_set_position (node, (int) lround (x), (int) lround (y));

  va_history_begin (history, _("Add Node"));
  va_history_append (history, va_topic_get_nodes (self->topic), node);
  if (owner != NULL)
    va_history_set (history, owner, property, id, NULL);
  for (guint i = 0; shifted != NULL && i < shifted->len; i++)
    {
      VaCanvasCard *below = g_ptr_array_index (shifted, i);

      va_history_set (history, below->node, "y", va_node_get_y (below->node) + (int) ceil (shift), NULL);
    }
  if (va_topic_get_start (self->topic) == NULL)
    va_history_set (history, self->topic, "start", id, NULL);
  va_history_end (history);

  card = va_canvas_card_for_node (self, node);
  if (card != NULL)
    {
      va_canvas_select_only (self, card);
      va_canvas_ensure_visible (self, card);
    }
  return node;
}

/* ---- delete ------------------------------------------------------------------------------- */

typedef struct
{
  GObject    *owner;
  const char *property;
} Link;

static void
link_clear (Link *link)
{
  g_clear_object (&link->owner);
}

/* Where the topic starts once its start node is gone: where the old start led, else a
 * node nothing leads to, else any node. */
static const char *
next_start (VaCanvas     *self,
            VaCanvasCard *old_start)
{
  g_autoptr(GHashTable) has_parent = g_hash_table_new (NULL, NULL);

  for (guint j = 0; j < old_start->edges->len; j++)
    {
      VaCanvasCard *target = g_array_index (old_start->edges, VaCanvasEdge, j).target;

      if (target != NULL && !target->selected)
        return va_node_get_id (target->node);
    }
  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      if (card->selected)
        continue;
      for (guint j = 0; j < card->edges->len; j++)
        {
          VaCanvasCard *target = g_array_index (card->edges, VaCanvasEdge, j).target;

          if (target != NULL && target != card)
            g_hash_table_add (has_parent, target);
        }
    }
  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      if (!card->selected && !g_hash_table_contains (has_parent, card))
        return va_node_get_id (card->node);
    }
  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      if (!card->selected)
        return va_node_get_id (card->node);
    }
  return NULL;
}

/* Removes the selected nodes and every edge that led to them; one undo step. */
void
va_canvas_delete_selection (VaCanvas *self)
{
  VaHistory *history = va_canvas_ensure_history (self);
  g_autoptr(GArray) links = g_array_new (FALSE, TRUE, sizeof (Link));
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *start = NULL;
  VaCanvasCard *start_card;

  if (self->topic == NULL || gtk_widget_get_visible (self->popover))
    return;
  va_canvas_update_geometry (self);
  g_array_set_clear_func (links, (GDestroyNotify) link_clear);

  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      if (card->selected)
        {
          g_array_append_val (positions, i);
          continue;
        }
      for (guint j = 0; j < card->edges->len; j++)
        {
          VaCanvasEdge *e = &g_array_index (card->edges, VaCanvasEdge, j);

          if (e->target != NULL && e->target->selected)
            {
              Link link = { g_object_ref (e->port->owner), e->port->property };

              g_array_append_val (links, link);
            }
        }
    }
  if (positions->len == 0)
    return;

  start_card = va_canvas_find_card (self, va_topic_get_start (self->topic));
  if (start_card != NULL && start_card->selected)
    start = g_strdup (next_start (self, start_card));
  else
    start_card = NULL;

  /* Clearing edges changes cards' ports: everything was collected first. */
  va_history_begin (history, ngettext ("Delete Node", "Delete Nodes", positions->len));
  for (guint i = 0; i < links->len; i++)
    {
      Link *link = &g_array_index (links, Link, i);

      va_history_set (history, link->owner, link->property, NULL, NULL);
    }
  if (start_card != NULL)
    va_history_set (history, self->topic, "start", start, NULL);
  for (guint i = positions->len; i-- > 0;)
    va_history_remove (history, va_topic_get_nodes (self->topic), g_array_index (positions, guint, i));
  va_history_end (history);

  va_canvas_clear_selection (self);
}

/* ---- clipboard: writing ------------------------------------------------------------------- */

typedef struct
{
  GType        (*type) (void);
  const char    *key;
  GListModel  *(*get) (gpointer object);
  GType        (*item_type) (void);
} ListSpec;

static const ListSpec list_specs[] = {
  { va_question_node_get_type, "options", (gpointer) va_question_node_get_options, va_choice_get_type },
  { va_condition_node_get_type, "branches", (gpointer) va_condition_node_get_branches,
    va_condition_branch_get_type },
  { va_condition_branch_get_type, "clauses", (gpointer) va_condition_branch_get_clauses, va_clause_get_type },
  { va_action_node_get_type, "mappings", (gpointer) va_action_node_get_mappings,
    va_response_mapping_get_type },
};

static gboolean
is_copied_property (GParamSpec *pspec)
{
  return (pspec->flags & G_PARAM_READWRITE) == G_PARAM_READWRITE &&
         (pspec->flags & G_PARAM_CONSTRUCT_ONLY) == 0;
}

static void
write_object (JsonBuilder *builder,
              GObject     *object)
{
  guint n_specs;
  g_autofree GParamSpec **specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_specs);

  for (guint i = 0; i < n_specs; i++)
    {
      GParamSpec *pspec = specs[i];
      GType type = pspec->value_type;
      g_auto(GValue) value = G_VALUE_INIT;

      if (!is_copied_property (pspec))
        continue;
      g_value_init (&value, type);
      g_object_get_property (object, pspec->name, &value);

      if (type == G_TYPE_STRING)
        {
          if (g_value_get_string (&value) == NULL)
            continue;
          json_builder_set_member_name (builder, pspec->name);
          json_builder_add_string_value (builder, g_value_get_string (&value));
        }
      else if (type == G_TYPE_INT)
        {
          json_builder_set_member_name (builder, pspec->name);
          json_builder_add_int_value (builder, g_value_get_int (&value));
        }
      else if (type == G_TYPE_BOOLEAN)
        {
          json_builder_set_member_name (builder, pspec->name);
          json_builder_add_boolean_value (builder, g_value_get_boolean (&value));
        }
      else if (G_TYPE_IS_ENUM (type))
        {
          g_autoptr(GEnumClass) klass = g_type_class_ref (type);
          GEnumValue *enum_value = g_enum_get_value (klass, g_value_get_enum (&value));

          if (enum_value == NULL)
            continue;
          json_builder_set_member_name (builder, pspec->name);
          json_builder_add_string_value (builder, enum_value->value_nick);
        }
      else if (type == G_TYPE_STRV)
        {
          const char * const *strv = g_value_get_boxed (&value);

          if (strv == NULL)
            continue;
          json_builder_set_member_name (builder, pspec->name);
          json_builder_begin_array (builder);
          for (guint k = 0; strv[k] != NULL; k++)
            json_builder_add_string_value (builder, strv[k]);
          json_builder_end_array (builder);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (list_specs); i++)
    {
      GListModel *list;
      guint n;

      if (!G_TYPE_CHECK_INSTANCE_TYPE (object, list_specs[i].type ()))
        continue;
      list = list_specs[i].get (object);
      n = g_list_model_get_n_items (list);
      json_builder_set_member_name (builder, list_specs[i].key);
      json_builder_begin_array (builder);
      for (guint k = 0; k < n; k++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (list, k);

          json_builder_begin_object (builder);
          write_object (builder, item);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
}

char *
va_canvas_serialize_selection (VaCanvas *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, CLIPBOARD_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "nodes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      if (!card->selected)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, va_node_kind_to_string (va_node_get_kind (card->node)));
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, va_node_get_id (card->node));
      write_object (builder, G_OBJECT (card->node));
      json_builder_end_object (builder);
      n++;
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (n == 0)
    return NULL;

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

void
va_canvas_copy (VaCanvas *self)
{
  g_autofree char *text = va_canvas_serialize_selection (self);

  if (text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  self->paste_count = 0;
}

/* ---- clipboard: reading ------------------------------------------------------------------- */

/* Clipboard text is untrusted: only known properties of the right JSON type are taken, and
 * the model's own property checks clamp the values. */
static void
read_object (GObject    *object,
             JsonObject *json)
{
  g_autoptr(GList) members = json_object_get_members (json);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *member = json_object_get_member (json, name);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);
      GType type;
      g_auto(GValue) value = G_VALUE_INIT;

      if (pspec == NULL || !is_copied_property (pspec))
        continue;
      type = pspec->value_type;
      g_value_init (&value, type);

      if (type == G_TYPE_STRING && JSON_NODE_HOLDS_VALUE (member) &&
          json_node_get_value_type (member) == G_TYPE_STRING)
        g_value_set_string (&value, json_node_get_string (member));
      else if (type == G_TYPE_INT && JSON_NODE_HOLDS_VALUE (member) &&
               json_node_get_value_type (member) == G_TYPE_INT64)
        g_value_set_int (&value, (int) CLAMP (json_node_get_int (member), G_MININT, G_MAXINT));
      else if (type == G_TYPE_BOOLEAN && JSON_NODE_HOLDS_VALUE (member) &&
               json_node_get_value_type (member) == G_TYPE_BOOLEAN)
        g_value_set_boolean (&value, json_node_get_boolean (member));
      else if (G_TYPE_IS_ENUM (type) && JSON_NODE_HOLDS_VALUE (member) &&
               json_node_get_value_type (member) == G_TYPE_STRING)
        {
          g_autoptr(GEnumClass) klass = g_type_class_ref (type);
          GEnumValue *enum_value = g_enum_get_value_by_nick (klass, json_node_get_string (member));

          if (enum_value == NULL)
            continue;
          g_value_set_enum (&value, enum_value->value);
        }
      else if (type == G_TYPE_STRV && JSON_NODE_HOLDS_ARRAY (member))
        {
          JsonArray *array = json_node_get_array (member);
          guint n = MIN (json_array_get_length (array), CLIPBOARD_MAX_LIST);
          g_autoptr(GStrvBuilder) strv = g_strv_builder_new ();

          for (guint k = 0; k < n; k++)
            {
              JsonNode *element = json_array_get_element (array, k);

              if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
                g_strv_builder_add (strv, json_node_get_string (element));
            }
          g_value_take_boxed (&value, g_strv_builder_end (strv));
        }
      else
        continue;

      g_param_value_validate (pspec, &value);
      g_object_set_property (object, name, &value);
    }

  for (guint i = 0; i < G_N_ELEMENTS (list_specs); i++)
    {
      JsonNode *member;
      JsonArray *array;
      guint n;

      if (!G_TYPE_CHECK_INSTANCE_TYPE (object, list_specs[i].type ()) ||
          (member = json_object_get_member (json, list_specs[i].key)) == NULL ||
          !JSON_NODE_HOLDS_ARRAY (member))
        continue;
      array = json_node_get_array (member);
      n = MIN (json_array_get_length (array), CLIPBOARD_MAX_LIST);
      for (guint k = 0; k < n; k++)
        {
          JsonNode *element = json_array_get_element (array, k);
          g_autoptr(GObject) item = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          item = g_object_new (list_specs[i].item_type (), NULL);
          read_object (item, json_node_get_object (element));
          g_list_store_append (G_LIST_STORE (list_specs[i].get (object)), item);
        }
    }
}

/* New ids "n<k>" free in the topic and among those handed out already. */
static char *
fresh_id (VaTopic    *topic,
          GHashTable *taken,
          guint64    *counter)
{
  for (;;)
    {
      char *id = g_strdup_printf ("n%" G_GUINT64_FORMAT, (*counter)++);

      if (va_topic_find_node (topic, id, NULL) == NULL && !g_hash_table_contains (taken, id))
        return id;
      g_free (id);
    }
}

gboolean
va_canvas_paste_text (VaCanvas   *self,
                      const char *text)
{
  VaHistory *history = va_canvas_ensure_history (self);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *first_id = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonArray *array;
  guint n;
  guint64 counter;
  int offset;

  if (self->topic == NULL || text == NULL || strlen (text) > CLIPBOARD_MAX_SIZE)
    return FALSE;
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "format", ""), CLIPBOARD_FORMAT) != 0 ||
      !json_object_has_member (object, "nodes") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "nodes")))
    return FALSE;
  array = json_object_get_array_member (object, "nodes");
  n = MIN (json_array_get_length (array), CLIPBOARD_MAX_LIST);

  {
    g_autofree char *base = va_topic_make_node_id (self->topic);

    counter = g_ascii_strtoull (base + 1, NULL, 10);
  }
  offset = PASTE_OFFSET * (int) ++self->paste_count;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *json;
      const char *old_id;
      VaNodeKind kind;
      char *id;
      VaNode *node;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      json = json_node_get_object (element);
      old_id = json_object_get_string_member_with_default (json, "id", NULL);
      if (!va_node_kind_from_string (json_object_get_string_member_with_default (json, "kind", NULL), &kind))
        continue;
      id = fresh_id (self->topic, taken, &counter);
      g_hash_table_add (taken, id);
      if (old_id != NULL)
        g_hash_table_replace (ids, g_strdup (old_id), g_strdup (id));
      node = va_node_new_for_kind (kind, id);
      read_object (G_OBJECT (node), json);
      va_node_set_position (node, va_node_get_x (node) + offset, va_node_get_y (node) + offset);
      g_ptr_array_add (nodes, node);
    }
  if (nodes->len == 0)
    return FALSE;

  /* Edges among the pasted nodes follow them; edges to anything else are dropped. */
  for (guint i = 0; i < nodes->len; i++)
    {
      g_autoptr(GPtrArray) ports = va_node_list_ports (g_ptr_array_index (nodes, i));

      for (guint j = 0; j < ports->len; j++)
        {
          VaPort *port = g_ptr_array_index (ports, j);
          const char *target = va_port_get_target (port);

          if (target != NULL)
            g_object_set (port->owner, port->property, g_hash_table_lookup (ids, target), NULL);
        }
    }

  first_id = g_strdup (va_node_get_id (g_ptr_array_index (nodes, 0)));
  va_history_begin (history, ngettext ("Paste Node", "Paste Nodes", nodes->len));
  for (guint i = 0; i < nodes->len; i++)
    va_history_append (history, va_topic_get_nodes (self->topic), g_ptr_array_index (nodes, i));
  if (va_topic_get_start (self->topic) == NULL)
    va_history_set (history, self->topic, "start", first_id, NULL);
  va_history_end (history);

  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      card->selected = g_hash_table_contains (taken, va_node_get_id (card->node));
    }
  va_canvas_set_primary (self, va_canvas_find_card (self, first_id));
  va_canvas_selection_changed (self);
  va_canvas_ensure_visible (self, va_canvas_find_card (self, first_id));
  return TRUE;
}

static void
paste_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VaCanvas) self = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);

  if (text != NULL && self->topic != NULL)
    va_canvas_paste_text (self, text);
}

void
va_canvas_paste (VaCanvas *self)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), NULL,
                                 paste_ready_cb, g_object_ref (self));
}
