# settings — en
