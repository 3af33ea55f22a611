package dev.ampj.actors.eval;

/**
 * Mean and covariance (in double, two-pass) of feature rows, the Gaussian that the style distance
 * compares. Rows are row-major {@code count × dim} floats.
 */
record GaussianFit(int dim, long count, double[] mean, double[] covariance) {

    static GaussianFit of(float[] rows, int count, int dim) {
        if (count < 2) {
            throw new IllegalArgumentException("a Gaussian fit needs at least 2 rows, got " + count);
        }
        double[] mean = new double[dim];
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < dim; j++) {
                mean[j] += rows[r * dim + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] /= count;
        }
        double[] cov = new double[dim * dim];
        double[] d = new double[dim];
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < dim; j++) {
                d[j] = rows[r * dim + j] - mean[j];
            }
            for (int i = 0; i < dim; i++) {
                for (int j = i; j < dim; j++) {
                    cov[i * dim + j] += d[i] * d[j];
                }
            }
        }
        for (int i = 0; i < dim; i++) {
            for (int j = i; j < dim; j++) {
                double c = cov[i * dim + j] / (count - 1);
                cov[i * dim + j] = c;
                cov[j * dim + i] = c;
            }
        }
        return new GaussianFit(dim, count, mean, cov);
    }

    double std(int j) {
        return Math.sqrt(covariance[j * dim + j]);
    }
}
