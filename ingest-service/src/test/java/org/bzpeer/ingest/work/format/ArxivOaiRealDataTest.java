package org.bzpeer.ingest.work.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.testkit.SharedData;
import org.bzpeer.testkit.TarGzEntries;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * All 103 real OAI-PMH pages of the shared data through {@link ArxivOaiFormat}: every record is a work (none is
 * rejected), every category the records carry has its human name, and the figures derived independently in
 * {@code expected.json} hold: the number of works and how many works each of the five most frequent names signs.
 */
class ArxivOaiRealDataTest {

    @Test
    void everyRecordOfEveryPageIsAWorkAndTheExpectedFiguresHold() {
        JsonNode expected = TestRecords.MAPPER.readTree(SharedData.require("arxiv/oai-cs-2016/expected.json"));
        ArxivOaiFormat format = new ArxivOaiFormat(TestRecords.LIMITS);
        Map<String, Integer> rejectedBy = new TreeMap<>();
        Map<String, Integer> worksByName = new HashMap<>();
        Set<String> categories = new HashSet<>();
        int[] works = new int[1];
        TarGzEntries.forEach(SharedData.require("arxiv/oai-cs-2016/listrecords-pages.tar.gz"),
                name -> name.endsWith(".xml"), (name, page) -> {
                    for (XmlWorkFormat.Record record : XmlTestDocuments.read(format, new ByteArrayInputStream(page))) {
                        if (record instanceof XmlWorkFormat.Rejected rejected) {
                            rejectedBy.merge(rejected.field() + ": " + rejected.reason(), 1, Integer::sum);
                            continue;
                        }
                        SubmittedWork work = XmlTestDocuments.work(record);
                        works[0]++;
                        work.topics().forEach(topic -> categories.add(topic.id().substring("arxiv:".length())));
                        work.authorships().stream().map(SubmittedAuthorship::name)
                                .forEach(author -> worksByName.merge(author, 1, Integer::sum));
                    }
                });

        assertThat(rejectedBy).isEmpty();
        assertThat(ArxivCategories.all()).as("every category of the data has its human name")
                .containsKeys(categories.toArray(String[]::new));
        assertThat(works[0]).isEqualTo(expected.get("works").asInt());
        for (JsonNode top : expected.get("top5")) {
            assertThat(worksByName.get(top.get("name").asString())).as(top.get("name").asString())
                    .isEqualTo(top.get("works_in_sample").asInt());
        }
    }
}
