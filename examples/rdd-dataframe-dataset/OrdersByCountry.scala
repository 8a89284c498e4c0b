// Scala 2.13, Spark 4: the typed Dataset version (Scala and Java only; there is no Python Dataset).
import org.apache.spark.sql.{Dataset, SparkSession}
import org.apache.spark.sql.functions.{col, desc}

final case class Order(orderId: Long, customerId: String, country: String,
                       status: String, amountCents: Long, orderDate: java.time.LocalDate)

final case class CountryRevenue(country: String, revenueCents: Long)

object OrdersByCountry {

  def revenue(orders: Dataset[Order]): Dataset[CountryRevenue] = {
    val spark = orders.sparkSession
    import spark.implicits._ // encoders for the case classes and tuples below

    orders
      .filter(order => order.status == "COMPLETE") // checked by the compiler, opaque to Catalyst
      .groupByKey(order => order.country)
      .mapValues(order => order.amountCents)
      .reduceGroups((a, b) => a + b)
      .map { case (country, cents) => CountryRevenue(country, cents) }
      .orderBy(desc("revenueCents"), col("country")) // sorting by column name is untyped again
  }

  def main(args: Array[String]): Unit = {
    val spark = SparkSession.builder().appName("orders-by-country").getOrCreate()
    import spark.implicits._

    val orders: Dataset[Order] = spark.read
      .schema("order_id BIGINT, customer_id STRING, country STRING, " +
              "status STRING, amount_cents BIGINT, order_date DATE")
      .option("header", "true")
      .format(args.lift(1).getOrElse("csv"))
      .load(args(0))
      .toDF("orderId", "customerId", "country", "status", "amountCents", "orderDate")
      .as[Order] // binds columns to fields by name; a missing or mistyped column fails here

    val result = revenue(orders)
    result.collect().foreach(r => println(s"${r.country},${r.revenueCents}"))
    result.explain() // look for PushedFilters: [] on the scan
    spark.stop()
  }
}
