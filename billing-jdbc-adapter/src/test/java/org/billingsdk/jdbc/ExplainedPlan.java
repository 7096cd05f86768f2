package org.billingsdk.jdbc;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What PostgreSQL's {@code EXPLAIN (ANALYZE, FORMAT JSON)} says of a query, for the tests that
 * check which rows a query reads: its root node.
 *
 * @param root the plan's root node
 */
record ExplainedPlan(JsonNode root) {

    /** {@return the rows the query answered} */
    long rowsOut() {
        return root.path("Actual Rows").asLong() * root.path("Actual Loops").asLong();
    }

    /** The rows every scan of {@code table} read, over all its loops, those its filter left out included. */
    long rowsRead(String table) {
        long rows = 0;
        for (JsonNode node : nodes()) {
            if (table.equals(node.path("Relation Name").asString(""))) {
                rows += (node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong())
                        * node.path("Actual Loops").asLong();
            }
        }
        return rows;
    }

    /** {@return the tables the plan scans sequentially} */
    List<String> seqScans() {
        return nodes().stream().filter(node -> "Seq Scan".equals(node.path("Node Type").asString("")))
                .map(node -> node.path("Relation Name").asString("")).toList();
    }

    /** {@return the plan as JSON, for a failure's message} */
    String json() {
        return root.toString();
    }

    private List<JsonNode> nodes() {
        List<JsonNode> all = new ArrayList<>();
        List<JsonNode> open = new ArrayList<>(List.of(root));
        while (!open.isEmpty()) {
            JsonNode node = open.remove(open.size() - 1);
            all.add(node);
            node.path("Plans").forEach(open::add);
        }
        return all;
    }
}
