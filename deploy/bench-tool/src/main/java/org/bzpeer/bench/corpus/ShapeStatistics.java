package org.bzpeer.bench.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few numbers that say whether two corpora have the same shape, printed side by side in the report and
 * compared by the generator's tests.
 *
 * @param works                       number of works
 * @param authorsPerWork              mean authorships per work
 * @param singleAuthorWorks           share of works with one author
 * @param authorsPerWorkP90           90th percentile of authorships per work
 * @param openAlexIdShare             share of authorships naming an author with an OpenAlex id
 * @param orcidShare                  share of authorships with an ORCID iD
 * @param distinctAuthorsPerAuthorship distinct identified authors per identified authorship (1 = nobody repeats)
 * @param singleWorkAuthors           share of identified authors who appear on one work only
 * @param mostWorksOfOneAuthor        works of the most prolific author
 * @param medianYear                  median publication year
 * @param topicsPerWork               mean topics per work
 * @param institutionsPerAuthorship   mean institutions per authorship
 * @param abstractShare               share of works with an abstract
 */
public record ShapeStatistics(long works, double authorsPerWork, double singleAuthorWorks, int authorsPerWorkP90,
        double openAlexIdShare, double orcidShare, double distinctAuthorsPerAuthorship, double singleWorkAuthors,
        long mostWorksOfOneAuthor, int medianYear, double topicsPerWork, double institutionsPerAuthorship,
        double abstractShare) {

    public static ShapeStatistics of(CorpusShape shape) {
        Categorical<Integer> authors = shape.worksPerAuthor();
        long singleWork = 0;
        for (int rank = 0; rank < authors.size(); rank++) {
            if (authors.weight(rank) == 1) {
                singleWork++;
            }
        }
        return new ShapeStatistics(
                shape.works(),
                shape.authorsPerWork().mean(),
                shape.authorsPerWork().share(1),
                shape.authorsPerWork().quantile(0.9),
                shape.openAlexIdShare(),
                shape.orcidShare(),
                (double) authors.size() / shape.authorshipsWithOpenAlexId(),
                (double) singleWork / authors.size(),
                authors.weight(0),
                shape.years().quantile(0.5),
                shape.topicsPerWork().mean(),
                shape.institutionsPerAuthorship().mean(),
                shape.abstractShare());
    }

    /** One line per statistic, this corpus's value next to {@code other}'s, under the two given headings. */
    public List<String> compare(String heading, ShapeStatistics other, String otherHeading) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  %-44s %14s %14s", "", heading, otherHeading));
        row(lines, "works", "%,d", works, other.works);
        row(lines, "authorships per work, mean", "%.2f", authorsPerWork, other.authorsPerWork);
        row(lines, "works with one author", "%.3f", singleAuthorWorks, other.singleAuthorWorks);
        row(lines, "authorships per work, p90", "%d", authorsPerWorkP90, other.authorsPerWorkP90);
        row(lines, "authorships with an OpenAlex author id", "%.3f", openAlexIdShare, other.openAlexIdShare);
        row(lines, "authorships with an ORCID iD", "%.3f", orcidShare, other.orcidShare);
        row(lines, "distinct authors per authorship (reuse)", "%.3f", distinctAuthorsPerAuthorship,
                other.distinctAuthorsPerAuthorship);
        row(lines, "authors on one work only", "%.3f", singleWorkAuthors, other.singleWorkAuthors);
        row(lines, "works of the most prolific author", "%,d", mostWorksOfOneAuthor, other.mostWorksOfOneAuthor);
        row(lines, "median publication year", "%d", medianYear, other.medianYear);
        row(lines, "topics per work, mean", "%.2f", topicsPerWork, other.topicsPerWork);
        row(lines, "institutions per authorship, mean", "%.2f", institutionsPerAuthorship,
                other.institutionsPerAuthorship);
        row(lines, "works with an abstract", "%.3f", abstractShare, other.abstractShare);
        return lines;
    }

    private static void row(List<String> lines, String label, String format, Object value, Object otherValue) {
        lines.add(String.format(Locale.ROOT, "  %-44s %14s %14s", label, String.format(Locale.ROOT, format, value),
                String.format(Locale.ROOT, format, otherValue)));
    }
}
